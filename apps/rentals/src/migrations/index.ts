/**
 * Every migration, in order. Listed here rather than found on disk, so the app runs the same
 * from TypeScript sources, a bundle or a test, and nothing globs a folder.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { InitialSchema } from './initial-schema.js';

export const migrationsList: MigrationObject[] = [{ name: 'Migration20261202000000_initial_schema', class: InitialSchema }];
