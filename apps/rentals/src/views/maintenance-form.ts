/**
 * The "new maintenance request" form: what the user typed, checked field by field. Bad input
 * gives a message per field and keeps every value, so nothing typed is lost.
 */
import { PRIORITIES, type Priority } from '../entities.js';

export interface RequestForm {
  title: string;
  property: string;
  priority: string;
  description: string;
}

export type RequestErrors = Partial<Record<keyof RequestForm, string>>;

export interface ValidRequest {
  title: string;
  propertyId: number;
  priority: Priority;
  description: string;
}

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2000;

export const emptyRequestForm = (): RequestForm => ({ title: '', property: '', priority: 'medium', description: '' });

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The form's fields as strings, whatever the client sent. */
export function readRequestForm(form: unknown): RequestForm {
  const f = (form && typeof form === 'object' ? form : {}) as Record<string, unknown>;
  return { title: text(f.title), property: text(f.property), priority: text(f.priority), description: text(f.description) };
}

export const isPriority = (v: string): v is Priority => (PRIORITIES as readonly string[]).includes(v);

/** A positive whole number written in decimal, or null. */
export function positiveId(v: string): number | null {
  return /^[1-9]\d{0,9}$/.test(v.trim()) ? Number(v.trim()) : null;
}

/** The request to save, or the errors to show (property existence is checked by the view). */
export function validateRequest(form: RequestForm): { ok: true; value: ValidRequest } | { ok: false; errors: RequestErrors } {
  const errors: RequestErrors = {};
  const title = form.title.trim();
  const description = form.description.trim();
  if (!title) errors.title = 'Give the request a short title.';
  else if (title.length > TITLE_MAX) errors.title = `Keep the title under ${TITLE_MAX} characters (it has ${title.length}).`;
  const propertyId = positiveId(form.property);
  if (propertyId === null) errors.property = 'Choose the property.';
  if (!isPriority(form.priority)) errors.priority = 'Choose a priority.';
  if (description.length > DESCRIPTION_MAX) errors.description = `Keep the description under ${DESCRIPTION_MAX} characters.`;
  if (Object.keys(errors).length || propertyId === null || !isPriority(form.priority)) return { ok: false, errors };
  return { ok: true, value: { title, propertyId, priority: form.priority, description } };
}
