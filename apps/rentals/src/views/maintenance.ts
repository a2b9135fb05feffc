/**
 * The maintenance board: open, in progress and resolved requests in three columns, each with
 * its count, filtered by priority and property (kept in the URL). Moving a request or filing a
 * new one saves it, then tells every open board (pubsub topic `maintenance`), and each board
 * renders again from the database.
 */
import { randomUUID } from 'node:crypto';
import { query } from '@djust/server';
import { Lease, MaintenanceRequest, Property, REQUEST_STATUSES, type RequestStatus } from '../entities.js';
import { RentalsView, type Section } from './base.js';
import { emptyRequestForm, isPriority, positiveId, readRequestForm, validateRequest, type RequestErrors, type RequestForm } from './maintenance-form.js';

export const MAINTENANCE_TOPIC = 'maintenance';

/** Tickets shown per column; the counts are of every match. Resolved ones: the most recent only. */
export const COLUMN_LIMIT = 12;
export const RESOLVED_LIMIT = 8;

const STATUS_LABELS: Record<RequestStatus, string> = { open: 'Open', in_progress: 'In progress', resolved: 'Resolved' };

/** Where a ticket in each column can go, as its buttons offer. */
const MOVES: Record<RequestStatus, { to: RequestStatus; label: string }[]> = {
  open: [
    { to: 'in_progress', label: 'Start work' },
    { to: 'resolved', label: 'Resolve' },
  ],
  in_progress: [
    { to: 'open', label: 'Back to open' },
    { to: 'resolved', label: 'Resolve' },
  ],
  resolved: [{ to: 'open', label: 'Reopen' }],
};

/** What the board tells the other boards. */
export interface MaintenanceChange {
  id: number;
  title: string;
  status: RequestStatus;
  /** The board that made the change: it already showed its own message. */
  from: string;
}

const isStatus = (v: unknown): v is RequestStatus => typeof v === 'string' && (REQUEST_STATUSES as readonly string[]).includes(v);

export class MaintenanceBoardView extends RentalsView {
  static template = 'maintenance/board.html';
  static events = ['move', 'filter', 'open_form', 'close_form', 'validate', 'create', 'dismiss'];
  static formRecovery = { 'new-request': 'validate' };
  section: Section = 'maintenance';

  /** Filters, from the URL: '' is all. */
  priority = '';
  property = '';
  showForm = false;
  form: RequestForm = emptyRequestForm();
  errors: RequestErrors = {};
  /** The last change another board made, announced politely to screen readers. */
  notice = '';
  /**
   * The outcome of this board's last action. Not a flash: the board's own broadcast renders it
   * again at once, and a flash lasts one render; this stays until the next action or dismissal.
   */
  message: { kind: 'info' | 'error'; text: string } | null = null;
  private readonly _board = randomUUID();

  override async mount(): Promise<void> {
    if (this.connected) await this.subscribe(MAINTENANCE_TOPIC);
  }

  override handleParams(_params: unknown, url: URL): void {
    const priority = url.searchParams.get('priority') ?? '';
    this.priority = isPriority(priority) ? priority : '';
    const property = positiveId(url.searchParams.get('property') ?? '');
    this.property = property === null ? '' : String(property);
  }

  override handleInfo(message: unknown): void {
    const change = message as Partial<MaintenanceChange>;
    // The render that follows reads every column again; only the wording is made here.
    if (change.from !== this._board && typeof change.title === 'string' && isStatus(change.status)) {
      this.notice = `“${change.title}” is now ${STATUS_LABELS[change.status].toLowerCase()}.`;
    }
  }

  private where(status: RequestStatus): Record<string, unknown> {
    return { status, ...(this.priority ? { priority: this.priority } : {}), ...(this.property ? { property: Number(this.property) } : {}) };
  }

  override async getContextData(): Promise<Record<string, unknown>> {
    const counts = await Promise.all(REQUEST_STATUSES.map((s) => this.em.count(MaintenanceRequest, this.where(s))));
    const columns = REQUEST_STATUSES.map((status, i) => ({
      status,
      label: STATUS_LABELS[status],
      count: counts[i],
      limit: status === 'resolved' ? RESOLVED_LIMIT : COLUMN_LIMIT,
      moves: MOVES[status],
      requests: query(MaintenanceRequest)
        .where(this.where(status))
        .orderBy({ updatedAt: 'desc', id: 'desc' })
        .limit(status === 'resolved' ? RESOLVED_LIMIT : COLUMN_LIMIT),
    }));
    return {
      columns,
      total: counts.reduce((a, b) => a + b, 0),
      filtered: !!(this.priority || this.property),
      properties: query(Property).orderBy({ name: 'asc', id: 'asc' }),
      priorities: ['low', 'medium', 'high', 'urgent'],
    };
  }

  /** dj-click="move" dj-value-id dj-value-status: the request goes to that column. */
  async move({ id, status }: { id?: unknown; status?: unknown }): Promise<void> {
    const key = typeof id === 'string' ? positiveId(id) : null;
    if (key === null || !isStatus(status)) {
      this.message = { kind: 'error', text: 'That move is not possible.' };
      return;
    }
    const request = await this.em.findOne(MaintenanceRequest, { id: key });
    if (!request) {
      this.message = { kind: 'error', text: 'That request no longer exists.' };
      return;
    }
    if (request.status === status) return;
    request.status = status;
    await this.em.flush();
    this.message = { kind: 'info', text: `“${request.title}” moved to ${STATUS_LABELS[status]}.` };
    await this.tell({ id: request.id, title: request.title, status });
  }

  private async tell(change: Omit<MaintenanceChange, 'from'>): Promise<void> {
    await this.broadcast(MAINTENANCE_TOPIC, { ...change, from: this._board } satisfies MaintenanceChange);
  }

  /** dj-change on the filter form: the filters go into the URL (a live patch, no reload). */
  filter({ form }: { form?: unknown }): void {
    const f = (form && typeof form === 'object' ? form : {}) as Record<string, unknown>;
    const params = new URLSearchParams();
    const priority = typeof f.priority === 'string' && isPriority(f.priority) ? f.priority : '';
    const property = typeof f.property === 'string' ? positiveId(f.property) : null;
    if (priority) params.set('priority', priority);
    if (property !== null) params.set('property', String(property));
    const search = params.toString();
    this.pushPatch(`/rentals/maintenance${search ? `?${search}` : ''}`);
  }

  dismiss(): void {
    this.message = null;
  }

  open_form(): void {
    this.showForm = true;
  }

  close_form(): void {
    this.showForm = false;
    this.form = emptyRequestForm();
    this.errors = {};
  }

  /** dj-change on the form (and form recovery after a reconnect): keeps what was typed; errors only for fields already touched. */
  validate({ form, _target }: { form?: unknown; _target?: unknown }): void {
    this.showForm = true;
    this.form = readRequestForm(form);
    const result = validateRequest(this.form);
    const errors = result.ok ? {} : result.errors;
    const touched = typeof _target === 'string' ? _target : null;
    // Fields not yet touched are not scolded while the user is still typing.
    this.errors = Object.fromEntries(Object.entries(errors).filter(([k]) => k === touched || this.errors[k as keyof RequestForm])) as RequestErrors;
  }

  /** dj-submit="create": saved when valid; the tenant is the property's current one, if it is let. */
  async create({ form }: { form?: unknown }): Promise<void> {
    this.form = readRequestForm(form);
    const result = validateRequest(this.form);
    if (!result.ok) {
      this.errors = result.errors;
      return;
    }
    const { title, propertyId, priority, description } = result.value;
    const property = await this.em.findOne(Property, { id: propertyId });
    if (!property) {
      this.errors = { property: 'That property does not exist.' };
      return;
    }
    const lease = await this.em.findOne(Lease, { property, status: 'active' }, { orderBy: { startDate: 'desc' } });
    const request = this.em.create(MaintenanceRequest, { property, tenant: lease?.tenant ?? null, title, description, priority, status: 'open' });
    await this.em.flush();
    this.close_form();
    this.message = { kind: 'info', text: `Request “${title}” filed for ${property.name}.` };
    await this.tell({ id: request.id, title, status: 'open' });
  }
}
