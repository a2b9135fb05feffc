/**
 * The development panel's recorder: for each view operation (the HTTP render, the join, an
 * event, a patch, a pubsub message or timer) the SQL statements it ran, what the JIT planned,
 * render times and the bytes sent. Statements are attributed through AsyncLocalStorage: the
 * MikroORM logger is hooked once, and a statement counts for the operation whose async context
 * runs it; one run outside any operation (or after its operation ended) is not counted.
 * Only an app with `devPanel` on creates a recorder; without one nothing here runs but
 * `timedTemplate`'s one store lookup.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/core';
import type { SerializeOptions } from '@djust/jit';
import { T, encode, type ServerMessage } from '@djust/protocol';
import { DEV_PUSH, MAX_STATEMENTS, type DevReport, type OperationKind } from './dev-report.js';

interface Recording {
  report: DevReport;
  /** Closed once the report is finished: late statements of stray async work are not added. */
  open: boolean;
}

const current = new AsyncLocalStorage<Recording>();

/** What a recorded operation is: its kind, its view, and (read at its end) its URL. */
export interface OperationLabel {
  kind: OperationKind;
  view: string;
  v: string | null;
  event?: string;
  path: () => string;
}

/** MikroORM's logger context for a statement (the fields read here). */
interface QueryContext {
  query?: string;
  took?: number;
  results?: number;
  affected?: number;
  level?: string;
}

const hooked = new WeakSet<object>();

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Runs `fn`, adding its time to the current operation's template time (when one is recorded). */
export function timedTemplate<R>(fn: () => R): R {
  const rec = current.getStore();
  if (!rec) return fn();
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    rec.report.templateMs = round(rec.report.templateMs + performance.now() - t0);
  }
}

/** Runs a serialization, reporting the JIT's plan and its time to the current operation (when one is recorded). */
export async function recordedSerialize<R>(fn: (options: SerializeOptions) => Promise<R>): Promise<R> {
  const rec = current.getStore();
  if (!rec) return fn({});
  const t0 = performance.now();
  try {
    return await fn({ report: (r) => rec.report.jit.push(r) });
  } finally {
    rec.report.serializeMs = round(rec.report.serializeMs + performance.now() - t0);
  }
}

export class DevRecorder {
  private seq = 0;
  private readonly recent: DevReport[] = [];

  constructor(private readonly keep = 200) {}

  /** Hooks the ORM's logger (once per logger): every statement it logs goes to the operation running it. */
  watch(orm: MikroORM): void {
    const logger = orm.config.getLogger();
    if (hooked.has(logger)) return;
    hooked.add(logger);
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (context) => {
      const rec = current.getStore();
      if (rec?.open) this.statement(rec.report, context as QueryContext);
      original(context);
    };
  }

  private statement(report: DevReport, c: QueryContext): void {
    report.sqlCount++;
    report.sqlMs += c.took ?? 0;
    if (report.sql.length >= MAX_STATEMENTS) return;
    report.sql.push({
      sql: String(c.query ?? ''),
      ms: c.took ?? 0,
      ...(c.results === undefined ? {} : { results: c.results }),
      ...(c.affected === undefined ? {} : { affected: c.affected }),
      ...(c.level === 'error' ? { failed: true as const } : {}),
    });
  }

  /** Runs `fn` as one recorded operation; its report is kept (see `reports`) once `bytes` is set by the caller. */
  private async record<R>(label: OperationLabel, fn: () => Promise<R>, bytesOf: (result: R) => number): Promise<{ result: R; report: DevReport }> {
    const report: DevReport = {
      id: ++this.seq,
      kind: label.kind,
      view: label.view,
      v: label.v,
      ...(label.event === undefined ? {} : { event: label.event }),
      path: '',
      at: new Date().toISOString(),
      sql: [],
      sqlCount: 0,
      sqlMs: 0,
      jit: [],
      cache: { hits: 0, misses: 0 },
      serializeMs: 0,
      templateMs: 0,
      totalMs: 0,
      bytes: 0,
    };
    const rec: Recording = { report, open: true };
    const t0 = performance.now();
    try {
      const result = await current.run(rec, fn);
      report.bytes = bytesOf(result);
      return { result, report };
    } finally {
      rec.open = false;
      report.totalMs = round(performance.now() - t0);
      report.path = label.path();
      const misses = report.jit.filter((j) => j.cache === 'miss').length;
      report.cache = { hits: report.jit.length - misses, misses };
      this.recent.push(report);
      if (this.recent.length > this.keep) this.recent.shift();
    }
  }

  /**
   * A view operation over the socket: its messages, followed (except for a leave) by a push
   * carrying its report, which is not counted in the report's bytes.
   */
  async operate(label: OperationLabel, fn: () => Promise<ServerMessage[]>): Promise<ServerMessage[]> {
    const { result, report } = await this.record(label, fn, (out) => out.reduce((n, m) => n + Buffer.byteLength(encode(m)), 0));
    if (label.kind === 'leave' || label.v === null) return result;
    return [...result, { t: T.DIFF, v: label.v, effects: [{ push: DEV_PUSH, payload: { ...report } }] }];
  }

  /** The HTTP render of a page: its result and its report (bytes: the page's, before the panel is added). */
  async page<R>(label: OperationLabel, fn: () => Promise<R>, bytesOf: (result: R) => number): Promise<{ result: R; report: DevReport }> {
    return this.record(label, fn, bytesOf);
  }

  /** The latest reports, oldest first (a test hook; the panel gets them as they happen). */
  reports(): DevReport[] {
    return [...this.recent];
  }
}
