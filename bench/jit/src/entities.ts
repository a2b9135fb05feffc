/**
 * The rentals domain the benchmark serializes: users, tenants, properties, leases, payments.
 * Modelled on packages/jit/test/fixtures/entities.ts but kept here, so the benchmark measures
 * a domain it owns. Plain classes mapped with defineEntity: methods survive, and tsx needs no
 * decorator metadata.
 */
import { defineEntity, p, type Collection } from '@mikro-orm/core';
import { declareReads } from '@djust/jit';

export class User {
  id!: number;
  email!: string;
  firstName!: string;
  lastName!: string;
  /** Never read by the dashboard: the generic serializers ship it anyway, the JIT does not. */
  passwordHash!: string;
  isStaff!: boolean;

  getFullName(): string {
    return `${this.firstName} ${this.lastName}`;
  }
}

export class Tenant {
  id!: number;
  user!: User;
  phone?: string | null;
  leases!: Collection<Lease>;
}

export class Property {
  id!: number;
  name!: string;
  address!: string;
  city!: string;
  leases!: Collection<Lease>;
}

export class Lease {
  id!: number;
  property!: Property;
  tenant!: Tenant | null;
  startDate!: string;
  endDate!: string;
  rent!: string;
  status!: string;
  payments!: Collection<Payment>;
}

export class Payment {
  id!: number;
  lease!: Lease;
  amount!: string;
  paidAt!: Date;
}

// Without this the planner would select every User column for get_full_name.
declareReads(User, { getFullName: ['firstName', 'lastName'] });

export const UserSchema = defineEntity({
  class: User,
  properties: {
    id: p.integer().primary(),
    email: p.string(),
    firstName: p.string(),
    lastName: p.string(),
    passwordHash: p.string(),
    isStaff: p.boolean().default(false),
  },
});

export const TenantSchema = defineEntity({
  class: Tenant,
  properties: {
    id: p.integer().primary(),
    user: () => p.manyToOne(User),
    phone: p.string().nullable(),
    leases: () => p.oneToMany(Lease).mappedBy('tenant'),
  },
});

export const PropertySchema = defineEntity({
  class: Property,
  properties: {
    id: p.integer().primary(),
    name: p.string(),
    address: p.string(),
    city: p.string(),
    leases: () => p.oneToMany(Lease).mappedBy('property'),
  },
});

export const LeaseSchema = defineEntity({
  class: Lease,
  properties: {
    id: p.integer().primary(),
    property: () => p.manyToOne(Property),
    tenant: () => p.manyToOne(Tenant).nullable(),
    startDate: p.date(),
    endDate: p.date(),
    rent: p.decimal().precision(10).scale(2),
    status: p.string(),
    payments: () => p.oneToMany(Payment).mappedBy('lease'),
  },
});

export const PaymentSchema = defineEntity({
  class: Payment,
  properties: {
    id: p.integer().primary(),
    lease: () => p.manyToOne(Lease),
    amount: p.decimal().precision(10).scale(2),
    paidAt: p.datetime(),
  },
});

export const entities = [UserSchema, TenantSchema, PropertySchema, LeaseSchema, PaymentSchema];
