/**
 * The rentals domain: users, tenants, properties, leases, payments and maintenance requests.
 * Plain classes keep their methods; `defineEntity` maps them (no decorators, no build step).
 * Dates without a time (`p.date()`) are ISO strings, 'YYYY-MM-DD'; money is a number.
 */
import { defineEntity, p, type Collection, type Opt } from '@mikro-orm/core';
import { altersData, declareReads } from '@djust/jit';

export const PROPERTY_STATUSES = ['available', 'occupied', 'renovation'] as const;
export const LEASE_STATUSES = ['pending', 'active', 'ended'] as const;
export const PAYMENT_STATUSES = ['paid', 'pending', 'late'] as const;
export const PAYMENT_METHODS = ['bank_transfer', 'card', 'check', 'cash'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const REQUEST_STATUSES = ['open', 'in_progress', 'resolved'] as const;

export type PropertyStatus = (typeof PROPERTY_STATUSES)[number];
export type LeaseStatus = (typeof LEASE_STATUSES)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = { bank_transfer: 'Bank transfer', card: 'Card', check: 'Check', cash: 'Cash' };
export type Priority = (typeof PRIORITIES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Today as 'YYYY-MM-DD' in UTC: the calendar every date column and comparison uses. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export class User {
  id!: number;
  email!: string;
  firstName!: string;
  lastName!: string;
  /** Never selected nor serialized by the JIT (`hidden`). */
  passwordHash!: string;

  getFullName(): string {
    return `${this.firstName} ${this.lastName}`.trim();
  }
}

export class Tenant {
  id!: number;
  user!: User;
  phone!: string;
  emergencyContactName!: string;
  emergencyContactPhone!: string;
  leases!: Collection<Lease>;
  maintenanceRequests!: Collection<MaintenanceRequest>;
}

export class Property {
  id!: number;
  name!: string;
  address!: string;
  city!: string;
  units!: number;
  monthlyRent!: number;
  status!: PropertyStatus;
  leases!: Collection<Lease>;
  maintenanceRequests!: Collection<MaintenanceRequest>;
}

export class Lease {
  id!: number;
  property!: Property;
  tenant!: Tenant;
  startDate!: string;
  endDate!: string;
  monthlyRent!: number;
  deposit!: number;
  status!: LeaseStatus;
  payments!: Collection<Payment>;

  /** Days from today to the end date; negative once it has passed. */
  daysUntilExpiration(): number {
    return daysBetween(today(), this.endDate);
  }

  /** Ends the lease today. Changes data, so templates may never call it (`altersData`). */
  terminate(on: string = today()): void {
    this.status = 'ended';
    if (this.endDate > on) this.endDate = on;
  }
}

export class Payment {
  id!: number;
  lease!: Lease;
  amount!: number;
  /** The day the payment is due. */
  dueOn!: string;
  /** The day it was paid; null while it is not. */
  paidOn!: string | null;
  method!: PaymentMethod | null;
  status!: PaymentStatus;

  /** Whole days since the due date while it is not paid; 0 once paid or not yet due. */
  daysOverdue(): number {
    return this.status === 'paid' ? 0 : Math.max(0, daysBetween(this.dueOn, today()));
  }

  /** The method as people read it ('Bank transfer'), as Django's get_FOO_display; '' when none. */
  getMethodDisplay(): string {
    return this.method ? PAYMENT_METHOD_LABELS[this.method] : '';
  }
}

export class MaintenanceRequest {
  id!: number;
  property!: Property;
  tenant!: Tenant | null;
  title!: string;
  description!: string;
  priority!: Priority;
  status!: RequestStatus;
  createdAt!: Date & Opt;
  updatedAt!: Date & Opt;
}

export const UserSchema = defineEntity({
  class: User,
  tableName: 'users',
  properties: {
    id: p.integer().primary(),
    email: p.string().unique(),
    firstName: p.string(),
    lastName: p.string(),
    passwordHash: p.string().hidden(),
  },
});

export const TenantSchema = defineEntity({
  class: Tenant,
  tableName: 'tenants',
  properties: {
    id: p.integer().primary(),
    user: () => p.manyToOne(User).unique(),
    phone: p.string(),
    emergencyContactName: p.string(),
    emergencyContactPhone: p.string(),
    leases: () => p.oneToMany(Lease).mappedBy('tenant'),
    maintenanceRequests: () => p.oneToMany(MaintenanceRequest).mappedBy('tenant'),
  },
});

export const PropertySchema = defineEntity({
  class: Property,
  tableName: 'properties',
  properties: {
    id: p.integer().primary(),
    name: p.string(),
    address: p.string(),
    city: p.string().index(),
    units: p.integer(),
    monthlyRent: p.decimal('number').precision(10).scale(2),
    status: p.string().index(),
    leases: () => p.oneToMany(Lease).mappedBy('property'),
    maintenanceRequests: () => p.oneToMany(MaintenanceRequest).mappedBy('property'),
  },
});

export const LeaseSchema = defineEntity({
  class: Lease,
  tableName: 'leases',
  properties: {
    id: p.integer().primary(),
    property: () => p.manyToOne(Property).index(),
    tenant: () => p.manyToOne(Tenant).index(),
    startDate: p.date(),
    endDate: p.date().index(),
    monthlyRent: p.decimal('number').precision(10).scale(2),
    deposit: p.decimal('number').precision(10).scale(2),
    status: p.string().index(),
    payments: () => p.oneToMany(Payment).mappedBy('lease'),
  },
});

export const PaymentSchema = defineEntity({
  class: Payment,
  tableName: 'payments',
  properties: {
    id: p.integer().primary(),
    lease: () => p.manyToOne(Lease).index(),
    amount: p.decimal('number').precision(10).scale(2),
    dueOn: p.date().index(),
    paidOn: p.date().nullable(),
    method: p.string().nullable(),
    status: p.string().index(),
  },
});

export const MaintenanceRequestSchema = defineEntity({
  class: MaintenanceRequest,
  tableName: 'maintenance_requests',
  properties: {
    id: p.integer().primary(),
    property: () => p.manyToOne(Property).index(),
    tenant: () => p.manyToOne(Tenant).nullable(),
    title: p.string(),
    description: p.text(),
    priority: p.string(),
    status: p.string().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export const entities = [UserSchema, TenantSchema, PropertySchema, LeaseSchema, PaymentSchema, MaintenanceRequestSchema];

// What methods read, so the JIT loads those columns and no others.
declareReads(User, { getFullName: ['firstName', 'lastName'] });
declareReads(Lease, { daysUntilExpiration: ['endDate'] });
declareReads(Payment, { daysOverdue: ['status', 'dueOn'], getMethodDisplay: ['method'] });
altersData(Lease, 'terminate');
