/**
 * The rentals domain the benchmark serializes (users, tenants, properties, leases, payments):
 * @djust/jit's own test fixtures. Their db.ts declares the reads of `getFullName` against
 * packages/jit's sources, a different module from the built @djust/jit this benchmark runs,
 * so the declaration the dashboard needs is made here again.
 */
import { declareReads } from '@djust/jit';
import { User } from '../../../packages/jit/test/fixtures/entities.js';

export * from '../../../packages/jit/test/fixtures/entities.js';

// Without this the planner would select every User column for get_full_name.
declareReads(User, { getFullName: ['firstName', 'lastName'] });
