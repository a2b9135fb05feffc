/**
 * Payments: record a payment (find the lease by property or tenant, or take it from the overdue
 * list's "Record" button, or from `?lease=ID`), the overdue list (latest due first, paged in the
 * URL, `?page=N`), recent payments and this month's totals. What recording does is in
 * payment-rules.ts.
 */
import { NotFound, query, type Params } from '@djust/server';
import type { LazyQuery } from '@djust/jit';
import { Lease, Payment, PAYMENT_METHODS, PAYMENT_METHOD_LABELS, today } from '../entities.js';
import {
  FIELD_NAMES,
  blankPayment,
  checkFields,
  describeRecorded,
  oldestUnpaid,
  unpaidOf,
  readPaymentFields,
  recordPayment,
  validatePayment,
  type FieldErrors,
  type PaymentFields,
} from '../payment-rules.js';
import { RentalsView, type Section } from './base.js';
import { containsText } from './sql-em.js';
import { parseId } from '../parse.js';
import { overdueWhere, paymentStats } from './payment-stats.js';

/** Overdue payments per page, recent payments shown, leases a search offers. */
const OVERDUE_PAGE = 10;
const RECENT = 8;
const MATCHES = 6;

const METHODS = PAYMENT_METHODS.map((value) => ({ value, label: PAYMENT_METHOD_LABELS[value] }));


export class PaymentsView extends RentalsView {
  static template = 'payments/index.html';
  static events = ['search', 'choose', 'fill', 'change_lease', 'validate', 'record'];
  static formRecovery = { 'record-payment': 'validate' };
  section: Section = 'payments';

  form: PaymentFields = blankPayment(today());
  /** Errors of the fields the user has been through (all of them once submitted). */
  errors: FieldErrors = {};
  /** The lease search, while no lease is chosen. */
  q = '';
  /** The overdue list's page (from the URL). */
  page = 1;
  private _touched: string[] = [];

  override async handleParams(_params: Params, url: URL): Promise<void> {
    this.page = parseId(url.searchParams.get('page')) ?? 1;
    const lease = url.searchParams.get('lease');
    if (lease === null) return;
    const id = parseId(lease);
    if (id === null || !(await this.em.count(Lease, { id }))) throw new NotFound(`No lease ${lease.slice(0, 20)}`);
    await this.chooseLease(id);
  }

  override async getContextData(): Promise<Record<string, unknown>> {
    const day = today();
    const stats = await paymentStats(this.em, day);
    const pages = Math.max(1, Math.ceil(stats.overdue_count / OVERDUE_PAGE));
    const page = Math.min(this.page, pages);
    const leaseId = parseId(this.form.lease);
    const unpaid = leaseId ? unpaidOf(leaseId) : null;
    return {
      stats,
      today: day,
      methods: METHODS,
      overdue: query(Payment).where(overdueWhere(day)).orderBy({ dueOn: 'desc', id: 'desc' }).limit(OVERDUE_PAGE).offset((page - 1) * OVERDUE_PAGE),
      pager: { page, pages, previous: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null, first: (page - 1) * OVERDUE_PAGE + 1, last: Math.min(page * OVERDUE_PAGE, stats.overdue_count) },
      recent: query(Payment).where({ status: 'paid' }).orderBy({ paidOn: 'desc', id: 'desc' }).limit(RECENT),
      chosen: leaseId ? query(Lease).where({ id: leaseId }).limit(1) : [],
      settles: unpaid ? query(Payment).where(unpaid.where).orderBy(unpaid.orderBy).limit(1) : [],
      matches: this.q && !leaseId ? this.leasesMatching(this.q) : [],
    };
  }

  /** Leases whose property, or tenant's name or email, contains `q`: current ones first. */
  private leasesMatching(q: string): LazyQuery<Lease> {
    const like = containsText(this.em, q);
    return query(Lease)
      .where({ $or: [{ property: { name: like } }, { tenant: { user: { firstName: like } } }, { tenant: { user: { lastName: like } } }, { tenant: { user: { email: like } } }] })
      .orderBy({ status: 'asc', endDate: 'desc', id: 'desc' })
      .limit(MATCHES);
  }

  // ------------------------------------------------------------------ choosing the lease

  search({ value }: { value?: unknown }): void {
    this.q = typeof value === 'string' ? value.trim().slice(0, 100) : '';
  }

  /** A lease picked from the search results. */
  async choose({ id }: { id?: unknown }): Promise<void> {
    const leaseId = parseId(id);
    if (leaseId !== null) await this.chooseLease(leaseId);
  }

  /** The overdue list's "Record": the form gets that payment's lease. */
  async fill({ payment }: { payment?: unknown }): Promise<void> {
    const paymentId = parseId(payment);
    const found = paymentId === null ? null : await this.em.findOne(Payment, { id: paymentId }, { fields: ['lease'] });
    if (found) await this.chooseLease(found.lease.id);
  }

  /** Back to the search, to pick another lease. */
  change_lease(): void {
    this.form = { ...this.form, lease: '', amount: '' };
    this.errors = {};
    this._touched = [];
  }

  /** The form names the lease, with the amount its oldest unpaid payment asks. */
  private async chooseLease(leaseId: number): Promise<void> {
    const due = await oldestUnpaid(this.em, leaseId);
    this.form = { ...this.form, lease: String(leaseId), amount: due ? due.amount.toFixed(2) : '' };
    this.q = '';
    this.errors = {};
    this._touched = [];
  }

  // ------------------------------------------------------------------ the form

  /** dj-change: the checks again, shown for the fields the user has been through. */
  async validate({ form, _target }: { form?: unknown; _target?: unknown }): Promise<void> {
    this.form = readPaymentFields(form);
    if (typeof _target === 'string' && (FIELD_NAMES as readonly string[]).includes(_target) && !this._touched.includes(_target)) this._touched.push(_target);
    // The lease field is not typed: its error shows only once the form is submitted.
    const { errors } = this._touched.length ? await validatePayment(this.em, this.form, today()) : checkFields(this.form, today());
    this.errors = Object.fromEntries(Object.entries(errors).filter(([name]) => this._touched.includes(name)));
  }

  async record({ form }: { form?: unknown }): Promise<void> {
    this.form = readPaymentFields(form);
    this._touched = [...FIELD_NAMES];
    const checked = await validatePayment(this.em, this.form, today());
    const recorded = checked.input ? await recordPayment(this.em, checked.input) : checked;
    if (!('payment' in recorded)) {
      this.errors = recorded.errors;
      return;
    }
    this.putFlash('info', await describeRecorded(this.em, recorded));
    this.form = blankPayment(today());
    this.errors = {};
    this._touched = [];
  }
}
