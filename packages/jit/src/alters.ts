/**
 * Methods that change data, which templates must never call: Django's `alters_data`.
 * `altersData(Book, 'archive')` marks them in the template engine's class-level registry
 * (`markAltersData`, under `Symbol.for('djust.altersData')`), which both the planner and the
 * engine read through the class hierarchy. A mark on the class survives MikroORM's `init`,
 * which replaces entity methods with wrappers and so drops a flag set on the function.
 */
import { classAltersData, flaggedAltersData, markAltersData, type MarkableClass } from '@djust/templates';

/** Marks methods of an entity class (and its subclasses) as changing data. */
export function altersData(entity: MarkableClass, ...methods: string[]): void {
  markAltersData(entity, ...methods);
}

/** Whether a member of `entity` changes data: marked for it or a superclass, or flagged on the function. */
export function altersDataOf(entity: unknown, member: string): boolean {
  if (classAltersData(entity, member)) return true;
  const proto = (entity as { prototype?: object } | undefined)?.prototype;
  return !!proto && flaggedAltersData((proto as Record<string, unknown>)[member]);
}
