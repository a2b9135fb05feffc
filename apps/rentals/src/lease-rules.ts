/**
 * The rules a lease must follow, for the lease form: pure functions that read the form's raw
 * fields (whatever a browser, or anyone else, sends) into text values and a typed draft with
 * one message per broken rule, and the database checks (the property and tenant exist, no
 * other lease of the property overlaps these dates). Nothing here throws on bad input.
 */
import type { EntityManager } from '@mikro-orm/core';
import { LEASE_STATUSES, Lease, Property, Tenant, type LeaseStatus } from './entities.js';
import { parseAmount, parseDay, parseId } from './parse.js';

export const LEASE_FIELDS = ['property', 'tenant', 'start_date', 'end_date', 'monthly_rent', 'deposit', 'status'] as const;
export type LeaseField = (typeof LEASE_FIELDS)[number];

/** The form's fields as text, as the inputs show them. */
export type LeaseValues = Record<LeaseField, string>;
/** One message per field that breaks a rule. */
export type LeaseErrors = Partial<Record<LeaseField, string>>;

/** A lease the rules accept, ready to be written. */
export interface LeaseDraft {
  propertyId: number;
  tenantId: number;
  startDate: string;
  endDate: string;
  monthlyRent: number;
  deposit: number;
  status: LeaseStatus;
}

/** Longer text than this is cut: no field of a lease needs more, and nothing unbounded is kept. */
const MAX_FIELD_LENGTH = 64;

export function emptyLeaseValues(): LeaseValues {
  return { property: '', tenant: '', start_date: '', end_date: '', monthly_rent: '', deposit: '', status: 'pending' };
}

/** The first text of a field as a form sends it (a repeated name gives a list), else ''. */
function textOf(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value === 'string') return value.trim().slice(0, MAX_FIELD_LENGTH);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** The lease fields of a submitted form, as text; anything else in it is ignored. */
export function leaseValues(form: unknown): LeaseValues {
  const fields = form !== null && typeof form === 'object' ? (form as Record<string, unknown>) : {};
  const out = emptyLeaseValues();
  for (const name of LEASE_FIELDS) out[name] = Object.hasOwn(fields, name) ? textOf(fields[name]) : '';
  return out;
}

function isStatus(text: string): text is LeaseStatus {
  return (LEASE_STATUSES as readonly string[]).includes(text);
}

export interface Checked {
  errors: LeaseErrors;
  /** Present when every field is well formed and the rules that need no database hold. */
  draft: LeaseDraft | null;
}

/** The rules that need no database: required fields, formats, end after start, rent > 0, deposit ≥ 0. */
export function checkLease(values: LeaseValues): Checked {
  const errors: LeaseErrors = {};
  const propertyId = parseId(values.property);
  if (propertyId === null) errors.property = values.property ? 'That property does not exist.' : 'Choose a property.';
  const tenantId = parseId(values.tenant);
  if (tenantId === null) errors.tenant = values.tenant ? 'That tenant does not exist.' : 'Choose a tenant.';

  const startDate = parseDay(values.start_date);
  if (!startDate) errors.start_date = values.start_date ? 'Enter a real date, as YYYY-MM-DD.' : 'Enter the start date.';
  const endDate = parseDay(values.end_date);
  if (!endDate) errors.end_date = values.end_date ? 'Enter a real date, as YYYY-MM-DD.' : 'Enter the end date.';
  else if (startDate && endDate <= startDate) errors.end_date = 'The end date must be after the start date.';

  let monthlyRent = 0;
  if (!values.monthly_rent) errors.monthly_rent = 'Enter the monthly rent.';
  else {
    const rent = parseAmount(values.monthly_rent);
    if (!rent.ok) errors.monthly_rent = rent.message;
    else if (rent.value <= 0) errors.monthly_rent = 'The rent must be more than 0.';
    else monthlyRent = rent.value;
  }

  let deposit = 0;
  if (!values.deposit) errors.deposit = 'Enter the deposit (0 if there is none).';
  else {
    const amount = parseAmount(values.deposit);
    if (!amount.ok) errors.deposit = amount.message;
    else if (amount.value < 0) errors.deposit = 'The deposit cannot be negative.';
    else deposit = amount.value;
  }

  const status = values.status;
  if (!isStatus(status)) errors.status = 'Choose pending, active or ended.';

  const valid = Object.keys(errors).length === 0 && propertyId !== null && tenantId !== null && startDate && endDate && isStatus(status);
  return { errors, draft: valid ? { propertyId, tenantId, startDate, endDate, monthlyRent, deposit, status } : null };
}

export interface OverlapQuery {
  propertyId: number;
  startDate: string;
  endDate: string;
  /** The lease being edited, which cannot overlap itself. */
  excludeId?: number | null;
}

/**
 * The id of another lease of the property, not ended, whose dates intersect these (both ends
 * included: a lease ending on the day another starts overlaps it), else null.
 */
export async function findOverlap(em: EntityManager, q: OverlapQuery): Promise<number | null> {
  const other = await em.findOne(
    Lease,
    {
      property: q.propertyId,
      status: { $ne: 'ended' },
      startDate: { $lte: q.endDate },
      endDate: { $gte: q.startDate },
      ...(q.excludeId ? { id: { $ne: q.excludeId } } : {}),
    },
    { orderBy: { startDate: 'asc' } },
  );
  return other?.id ?? null;
}

export interface Validation extends Checked {
  /** The lease this one would overlap, if any (the draft is then null). */
  overlapId: number | null;
}

/**
 * Every rule, the database ones included: the property and the tenant exist, and, for a lease
 * that is not ended, no other lease of the property overlaps it. `leaseId` is the lease being
 * edited, if any.
 */
export async function validateLease(em: EntityManager, values: LeaseValues, leaseId: number | null = null): Promise<Validation> {
  const { errors, draft } = checkLease(values);
  const propertyId = parseId(values.property);
  const tenantId = parseId(values.tenant);
  const [properties, tenants] = await Promise.all([
    propertyId === null ? 1 : em.count(Property, { id: propertyId }),
    tenantId === null ? 1 : em.count(Tenant, { id: tenantId }),
  ]);
  if (properties === 0) errors.property = 'That property does not exist.';
  if (tenants === 0) errors.tenant = 'That tenant does not exist.';

  const startDate = parseDay(values.start_date);
  const endDate = parseDay(values.end_date);
  let overlapId: number | null = null;
  if (propertyId !== null && properties > 0 && startDate && endDate && endDate > startDate && values.status !== 'ended') {
    overlapId = await findOverlap(em, { propertyId, startDate, endDate, excludeId: leaseId });
  }
  const valid = draft !== null && Object.keys(errors).length === 0 && overlapId === null;
  return { errors, draft: valid ? draft : null, overlapId };
}

/**
 * The errors worth showing now: a field's message shows once the user has changed that field
 * or it holds something, or once the form was submitted, so a fresh form is not a wall of red.
 */
export function visibleErrors(errors: LeaseErrors, values: LeaseValues, touched: readonly string[], submitted: boolean): LeaseErrors {
  const out: LeaseErrors = {};
  for (const name of LEASE_FIELDS) {
    const message = errors[name];
    if (message && (submitted || touched.includes(name) || values[name] !== '')) out[name] = message;
  }
  return out;
}
