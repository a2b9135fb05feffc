/**
 * Recording a payment: the form's fields, their checks, and what recording does.
 *
 * A payment received for a lease settles the lease's oldest unpaid payment (late or pending,
 * earliest due date first), as rent is usually accounted: it is marked paid on the day given,
 * with the method given. The amount must be that payment's amount (partial payments are not
 * supported, so a different amount is refused with the amount due). A lease with nothing unpaid
 * gets a new payment instead, paid and due on the day given (an advance or an extra charge).
 */
import type { EntityManager } from '@mikro-orm/core';
import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { Lease, Payment, PAYMENT_METHODS, type PaymentMethod } from './entities.js';
import { formatAmount } from './money.js';
import { parseAmount, parseDay, parseId } from './parse.js';

/** The form as typed: strings, as the browser sends them. */
export interface PaymentFields {
  lease: string;
  amount: string;
  paid_on: string;
  method: string;
}

export type FieldErrors = Partial<Record<keyof PaymentFields, string>>;

/** A payment that passed every check. */
export interface PaymentInput {
  leaseId: number;
  amount: number;
  paidOn: string;
  method: PaymentMethod;
}

export const FIELD_NAMES: readonly (keyof PaymentFields)[] = ['lease', 'amount', 'paid_on', 'method'];

/** The most a single payment may be: a typo guard (ten years of the dearest rent). */
const MAX_PAYMENT = 1_000_000;
const EARLIEST_DAY = '2000-01-01';

export function blankPayment(day: string): PaymentFields {
  return { lease: '', amount: '', paid_on: day, method: 'bank_transfer' };
}

/** The form's fields out of a submitted payload; anything missing or not text is empty. */
export function readPaymentFields(form: unknown): PaymentFields {
  const source = typeof form === 'object' && form !== null ? (form as Record<string, unknown>) : {};
  const text = (name: keyof PaymentFields): string => (typeof source[name] === 'string' ? (source[name] as string).trim().slice(0, 100) : '');
  return { lease: text('lease'), amount: text('amount'), paid_on: text('paid_on'), method: text('method') };
}

/** Cents, so amounts compare exactly. */
export const cents = (amount: number): number => Math.round(amount * 100);

/** The amount received: an amount of money, more than zero, at most what one payment may be. */
function checkAmount(text: string): number | string {
  if (!text) return 'Enter the amount received.';
  const amount = parseAmount(text);
  if (!amount.ok) return amount.message;
  if (amount.value <= 0) return 'The amount must be more than zero.';
  if (amount.value > MAX_PAYMENT) return 'That amount is too large for one payment.';
  return amount.value;
}

function checkDay(text: string, day: string): string | undefined {
  if (!text) return 'Enter the day it was paid.';
  if (parseDay(text) === null) return 'Enter a date as YYYY-MM-DD.';
  if (text > day) return 'A payment cannot be recorded for a day that has not come yet.';
  if (text < EARLIEST_DAY) return 'That date is too far in the past.';
  return undefined;
}

const isMethod = (text: string): text is PaymentMethod => (PAYMENT_METHODS as readonly string[]).includes(text);

/** The checks that need no database: each field's format. */
export function checkFields(fields: PaymentFields, day: string): { input?: PaymentInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const leaseId = parseId(fields.lease);
  if (!fields.lease) errors.lease = 'Choose the lease this payment is for.';
  else if (leaseId === null) errors.lease = 'That lease does not exist.';
  const amount = checkAmount(fields.amount);
  if (typeof amount === 'string') errors.amount = amount;
  const dayError = checkDay(fields.paid_on, day);
  if (dayError) errors.paid_on = dayError;
  if (!isMethod(fields.method)) errors.method = 'Choose how it was paid.';
  if (Object.keys(errors).length || leaseId === null || typeof amount === 'string' || !isMethod(fields.method)) return { errors };
  return { input: { leaseId, amount, paidOn: fields.paid_on, method: fields.method }, errors };
}

/** A lease's payments not paid yet, oldest first: the first is the one a payment settles. */
export function unpaidOf(leaseId: number): { where: FilterQuery<Payment>; orderBy: QueryOrderMap<Payment> } {
  return { where: { lease: leaseId, status: { $ne: 'paid' } }, orderBy: { dueOn: 'asc', id: 'asc' } };
}

/** The payment a payment for this lease settles: its oldest one not paid, if any. */
export function oldestUnpaid(em: EntityManager, leaseId: number): Promise<Payment | null> {
  const { where, orderBy } = unpaidOf(leaseId);
  return em.findOne(Payment, where, { orderBy });
}

/** The checks against the database: the lease exists, and the amount is what its oldest unpaid payment asks. */
async function checkLease(em: EntityManager, input: PaymentInput): Promise<FieldErrors> {
  const lease = await em.findOne(Lease, { id: input.leaseId }, { fields: ['id'] });
  if (!lease) return { lease: 'That lease does not exist (any more).' };
  const due = await oldestUnpaid(em, input.leaseId);
  if (due && cents(due.amount) !== cents(input.amount)) {
    return { amount: `This payment settles the one due ${formatDay(due.dueOn)}, of ${formatAmount(due.amount)}: enter that amount (partial payments are not supported).` };
  }
  return {};
}

/** Every check; the input only when all pass. */
export async function validatePayment(em: EntityManager, fields: PaymentFields, day: string): Promise<{ input?: PaymentInput; errors: FieldErrors }> {
  const checked = checkFields(fields, day);
  if (!checked.input) return checked;
  const errors = await checkLease(em, checked.input);
  return Object.keys(errors).length ? { errors } : checked;
}

export interface Recorded {
  payment: Payment;
  /** True when it settled a payment that was due; false when it added one. */
  settled: boolean;
}

/**
 * Records a checked payment, in one transaction that looks again at what is unpaid, so two
 * people recording the same payment at once cannot both settle it. Errors when the checks no
 * longer hold (the lease went, or another payment was recorded meanwhile).
 */
export async function recordPayment(em: EntityManager, input: PaymentInput): Promise<Recorded | { errors: FieldErrors }> {
  return em.transactional(async (tx) => {
    const errors = await checkLease(tx, input);
    if (Object.keys(errors).length) return { errors };
    const due = await oldestUnpaid(tx, input.leaseId);
    if (due) {
      due.status = 'paid';
      due.paidOn = input.paidOn;
      due.method = input.method;
      return { payment: due, settled: true };
    }
    const payment = tx.create(Payment, { lease: input.leaseId, amount: input.amount, dueOn: input.paidOn, paidOn: input.paidOn, method: input.method, status: 'paid' });
    return { payment, settled: false };
  });
}

/** The flash after recording: whose payment, for which property, what it settled. */
export async function describeRecorded(em: EntityManager, { payment, settled }: Recorded): Promise<string> {
  const lease = await em.findOneOrFail(Lease, { id: payment.lease.id }, { populate: ['property', 'tenant.user'] });
  const what = settled ? `the payment due ${formatDay(payment.dueOn)}` : 'a new payment';
  return `Recorded ${formatAmount(payment.amount)} from ${lease.tenant.user.getFullName()} for ${lease.property.name}: ${what}, paid ${formatDay(payment.paidOn ?? '')}.`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM-DD' as the pages print dates (`|date:"M d, Y"`): 'Mar 01, 2026'. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${d}, ${y}`;
}
