/**
 * Methods that change data, which templates must never call: Django's `alters_data`.
 * `altersData(Book, 'archive')` (the template engine's `markAltersData`, re-exported) marks
 * them in its class-level registry (under `Symbol.for('djust.altersData')`), which both the
 * planner and the engine read through the class hierarchy. A mark on the class survives MikroORM's `init`,
 * which replaces entity methods with wrappers and so drops a flag set on the function.
 */
import { classAltersData, flaggedAltersData } from '@djust/templates';

/** Whether a member of `entity` changes data: marked for it or a superclass, or flagged on the function. */
export function altersDataOf(entity: unknown, member: string): boolean {
  if (classAltersData(entity, member)) return true;
  const proto = (entity as { prototype?: object } | undefined)?.prototype;
  return !!proto && flaggedAltersData((proto as Record<string, unknown>)[member]);
}
