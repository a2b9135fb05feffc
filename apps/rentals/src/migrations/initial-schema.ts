/**
 * The first migration: the six tables with their keys, foreign keys and indexes. Written with
 * the knex schema builder the Migration gives, so one definition produces both SQLite's and
 * PostgreSQL's DDL. Names and types are the ones MikroORM derives from `entities.ts`
 * (`<table>_<column>_index`, `_unique`, `_foreign`), so a schema diff against the entities is
 * empty right after it runs (the tests check that on both databases).
 */
import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';

/** What a table's definition is given: knex's builder, the table's name, the platform's habit. */
interface TableContext {
  t: Knex.CreateTableBuilder;
  name: string;
  /** SQLite indexes every foreign key column; PostgreSQL only those the entity declares indexed. */
  indexForeignKeys: boolean;
}

interface RelationOptions {
  nullable?: boolean;
  /** The entity declares `.index()` on the relation. */
  indexed?: boolean;
}

/**
 * A to-one relation as MikroORM maps it: the column, its index where MikroORM puts one, and a
 * foreign key named as MikroORM names it (knex leaves SQLite's inline keys unnamed), updates
 * cascading, a nullable one set to null when its row goes.
 */
function belongsTo({ t, name, indexForeignKeys }: TableContext, column: string, target: string, options: RelationOptions = {}): void {
  const col = t.integer(column);
  if (options.nullable) col.nullable();
  else col.notNullable();
  if (options.indexed || indexForeignKeys) t.index([column]);
  const fk = t.foreign(column, `${name}_${column}_foreign`).references('id').inTable(target).onUpdate('cascade');
  if (options.nullable) fk.onDelete('set null');
}

/** Money: numeric(10,2) on both databases (knex's decimal() is a float on SQLite). */
const money = ({ t }: TableContext, column: string): void => {
  t.specificType(column, 'numeric(10,2)').notNullable();
};

const TABLES: [string, (table: TableContext) => void][] = [
  [
    'users',
    ({ t }) => {
      t.increments('id');
      t.string('email').notNullable().unique();
      t.string('first_name').notNullable();
      t.string('last_name').notNullable();
      t.string('password_hash').notNullable();
    },
  ],
  [
    'tenants',
    (table) => {
      const { t } = table;
      t.increments('id');
      belongsTo(table, 'user_id', 'users');
      t.unique(['user_id']);
      t.string('phone').notNullable();
      t.string('emergency_contact_name').notNullable();
      t.string('emergency_contact_phone').notNullable();
    },
  ],
  [
    'properties',
    (table) => {
      const { t } = table;
      t.increments('id');
      t.string('name').notNullable();
      t.string('address').notNullable();
      t.string('city').notNullable().index();
      t.integer('units').notNullable();
      money(table, 'monthly_rent');
      t.string('status').notNullable().index();
    },
  ],
  [
    'leases',
    (table) => {
      const { t } = table;
      t.increments('id');
      belongsTo(table, 'property_id', 'properties', { indexed: true });
      belongsTo(table, 'tenant_id', 'tenants', { indexed: true });
      t.date('start_date').notNullable();
      t.date('end_date').notNullable().index();
      money(table, 'monthly_rent');
      money(table, 'deposit');
      t.string('status').notNullable().index();
    },
  ],
  [
    'payments',
    (table) => {
      const { t } = table;
      t.increments('id');
      belongsTo(table, 'lease_id', 'leases', { indexed: true });
      money(table, 'amount');
      t.date('due_on').notNullable().index();
      t.date('paid_on').nullable();
      t.string('method').nullable();
      t.string('status').notNullable().index();
    },
  ],
  [
    'maintenance_requests',
    (table) => {
      const { t } = table;
      t.increments('id');
      belongsTo(table, 'property_id', 'properties', { indexed: true });
      belongsTo(table, 'tenant_id', 'tenants', { nullable: true });
      t.string('title').notNullable();
      t.text('description').notNullable();
      t.string('priority').notNullable();
      t.string('status').notNullable().index();
      t.datetime('created_at').notNullable();
      t.datetime('updated_at').notNullable();
    },
  ],
];

export class InitialSchema extends Migration {
  override up(): void {
    // `knex.schema` is a new builder on every read; one builder would pile up every table's SQL.
    const indexForeignKeys = this.driver.getPlatform().indexForeignKeys();
    for (const [name, build] of TABLES) {
      const create = this.getKnex().schema.createTable(name, (t) => build({ t, name, indexForeignKeys }));
      for (const statement of create.toSQL()) this.addSql(statement.sql);
    }
  }

  override down(): void {
    for (const [name] of [...TABLES].reverse()) this.addSql(this.getKnex().schema.dropTable(name).toQuery());
  }
}
