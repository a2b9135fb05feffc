/**
 * A deterministic seed: the same scale and day give the same rows, ids included. Dates are laid
 * out around `today`, so the dashboard always has leases expiring soon and payments due.
 * Scale 1 is about 50 properties, 200 tenants, 300 leases, 3,000 payments and 400 requests.
 */
import type { EntityManager, EntityName } from '@mikro-orm/core';
import {
  Lease,
  MaintenanceRequest,
  Payment,
  Property,
  Tenant,
  User,
  PAYMENT_METHODS,
  PRIORITIES,
  REQUEST_STATUSES,
  daysBetween,
  today as todayOf,
} from './entities.js';
import { addDays, addMonths } from './dates.js';

export interface SeedOptions {
  /** Multiplies every count (default 1). */
  scale?: number;
  /** The day the data is laid out around, 'YYYY-MM-DD' (default: today). */
  today?: string;
  /** The PRNG's seed (default 42). */
  seed?: number;
}

export interface SeedCounts {
  users: number;
  tenants: number;
  properties: number;
  leases: number;
  payments: number;
  requests: number;
}

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Radia', 'Linus', 'Frances', 'John', 'Katherine', 'Dennis', 'Hedy', 'Tim', 'Shafi', 'Guido', 'Sophie', 'Niklaus', 'Anita', 'Bjarne', 'Lynn', 'Whitfield', 'Mary', 'Yukihiro', 'Annie', 'James', 'Joan', 'Leslie'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Perlman', 'Torvalds', 'Allen', 'McCarthy', 'Johnson', 'Ritchie', 'Lamarr', 'Berners-Lee', 'Goldwasser', 'van Rossum', 'Wilson', 'Wirth', 'Borg', 'Stroustrup', 'Conway', 'Diffie', 'Shaw', 'Matsumoto', 'Easley', 'Gosling', 'Clarke', 'Lamport'];
const STREETS = ['Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Birch', 'Willow', 'Aspen', 'Harbor', 'Mill', 'River', 'Park', 'Lake', 'Hill', 'Spring', 'Meadow'];
const KINDS = ['Street', 'Avenue', 'Road', 'Lane', 'Court', 'Place'];
const CITIES = ['Portland', 'Austin', 'Denver', 'Raleigh', 'Madison', 'Boise', 'Tucson', 'Savannah'];
const BUILDINGS = ['Lofts', 'Apartments', 'House', 'Residences', 'Flats', 'Terrace', 'Commons', 'Villas'];
const TROUBLES: [string, string][] = [
  ['Leaking kitchen faucet', 'The kitchen faucet drips constantly, even when fully closed.'],
  ['Heating not working', 'The radiators stay cold; the thermostat shows no response.'],
  ['Broken window latch', 'The bedroom window latch is broken and the window will not lock.'],
  ['Clogged drain', 'The bathroom sink drains very slowly.'],
  ['Dishwasher error', 'The dishwasher stops mid-cycle with an error light.'],
  ['Pest sighting', 'Ants along the kitchen baseboard, near the back door.'],
  ['Smoke detector chirping', 'The hallway smoke detector chirps every minute.'],
  ['Front door sticks', 'The front door sticks and is hard to open in the mornings.'],
  ['Mold in bathroom', 'Dark spots on the ceiling above the shower.'],
  ['Garage door stuck', 'The garage door opener hums but the door does not move.'],
];

/** Writes the seed into an empty database through `em` and returns what it wrote. */
export async function seed(em: EntityManager, options: SeedOptions = {}): Promise<SeedCounts> {
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  const day = options.today ?? todayOf();
  const rand = prng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const money = (lo: number, hi: number, step = 25): number => Math.round(int(lo, hi) / step) * step;

  const users: Record<string, unknown>[] = [];
  const tenants: Record<string, unknown>[] = [];
  const tenantCount = 200 * scale;
  for (let id = 1; id <= tenantCount; id++) {
    const firstName = FIRST[(id - 1) % FIRST.length];
    const lastName = LAST[Math.floor((id - 1) / FIRST.length + id) % LAST.length];
    const email = `${firstName}.${lastName}.${id}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + '@example.com';
    users.push({ id, email, firstName, lastName, passwordHash: `pbkdf2_sha256$seed$${id}` });
    const phone = `555-${String(int(100, 999))}-${String(int(1000, 9999))}`;
    tenants.push({
      id,
      user: id,
      phone,
      emergencyContactName: `${pick(FIRST)} ${lastName}`,
      emergencyContactPhone: `555-${String(int(100, 999))}-${String(int(1000, 9999))}`,
    });
  }

  const properties: Record<string, unknown>[] = [];
  const leases: Record<string, unknown>[] = [];
  const payments: Record<string, unknown>[] = [];
  const propertyCount = 50 * scale;
  const leasesPerProperty = 6;
  const currentTenant = new Map<number, number>();
  for (let id = 1; id <= propertyCount; id++) {
    const units = pick([1, 1, 2, 4, 6, 8, 12]);
    const monthlyRent = money(900, 3200) * (units > 1 ? 1 : 1);
    // Most properties are let now; the rest are empty or being renovated.
    const occupied = rand() < 0.84;
    properties.push({
      id,
      name: `${pick(STREETS)} ${pick(BUILDINGS)} ${id}`,
      address: `${int(10, 9999)} ${pick(STREETS)} ${pick(KINDS)}`,
      city: pick(CITIES),
      units,
      monthlyRent,
      status: occupied ? 'occupied' : rand() < 0.6 ? 'available' : 'renovation',
    });
    // One lease after another, a year each, the last ending 1 to 365 days from today when the
    // property is let, or 1 to 200 days ago when it is not.
    let end = occupied ? addDays(day, int(1, 365)) : addDays(day, -int(1, 200));
    const chain: Record<string, unknown>[] = [];
    for (let k = 0; k < leasesPerProperty; k++) {
      const start = addDays(addMonths(end, -12), 1);
      const rent = Math.max(500, monthlyRent - k * 50);
      chain.unshift({
        property: id,
        tenant: int(1, tenantCount),
        startDate: start,
        endDate: end,
        monthlyRent: rent,
        deposit: rent * 2,
        status: k === 0 && occupied ? 'active' : 'ended',
      });
      end = addDays(start, -int(1, 20));
    }
    for (const lease of chain) {
      const leaseId = leases.length + 1;
      leases.push({ id: leaseId, ...lease });
      if (lease.status === 'active') currentTenant.set(id, lease.tenant as number);
      // Ten monthly payments from the start; those due by today are mostly paid.
      for (let n = 0; n < 10; n++) {
        const dueOn = addMonths(lease.startDate as string, n);
        const due = daysBetween(dueOn, day) >= 0;
        const late = due && rand() < 0.04;
        const paid = due && !late;
        payments.push({
          id: payments.length + 1,
          lease: leaseId,
          amount: lease.monthlyRent,
          dueOn,
          paidOn: paid ? addDays(dueOn, int(-3, 6)) : null,
          method: paid ? pick(PAYMENT_METHODS) : null,
          status: paid ? 'paid' : late ? 'late' : 'pending',
        });
      }
    }
  }

  const requests: Record<string, unknown>[] = [];
  const now = Date.parse(`${day}T12:00:00Z`);
  for (let id = 1; id <= 400 * scale; id++) {
    const property = int(1, propertyCount);
    const [title, description] = pick(TROUBLES);
    const createdAt = new Date(now - int(0, 90 * 24) * 3_600_000);
    const status = pick([...REQUEST_STATUSES, 'resolved', 'resolved']);
    requests.push({
      id,
      property,
      tenant: currentTenant.get(property) ?? null,
      title,
      description,
      priority: pick(PRIORITIES),
      status,
      createdAt,
      updatedAt: status === 'open' ? createdAt : new Date(createdAt.getTime() + int(1, 72) * 3_600_000),
    });
  }

  // insertMany writes each table in batches, without building entities: fast at 10x scale too.
  const batches: [EntityName<object>, Record<string, unknown>[]][] = [
    [User, users],
    [Tenant, tenants],
    [Property, properties],
    [Lease, leases],
    [Payment, payments],
    [MaintenanceRequest, requests],
  ];
  for (const [entity, rows] of batches) {
    for (let i = 0; i < rows.length; i += 500) {
      await em.insertMany(entity, rows.slice(i, i + 500));
    }
  }
  return {
    users: users.length,
    tenants: tenants.length,
    properties: properties.length,
    leases: leases.length,
    payments: payments.length,
    requests: requests.length,
  };
}
