/**
 * Test doubles at the client's edges only: a DOM (happy-dom), a hand-driven clock, and a fake
 * WebSocket the test plays the server through.
 */
import { Window } from 'happy-dom';
import type { Clock } from '../src/clock.js';
import { LiveSocket, type LiveOptions, type Win } from '../src/live.js';
import type { Incoming } from '../src/wire.js';
import type { Tree } from '@djust/protocol/tree';

/** Timers that fire only when the test advances time. */
export class ManualClock implements Clock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  /** Every delay asked for, in order: what the backoff tests read. */
  readonly delays: number[] = [];

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = ++this.seq;
    this.delays.push(ms);
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** Move time forward, firing each due timer in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}

export type Sent = { t: string; ref: number; v?: string; [key: string]: unknown };

/** A WebSocket whose other end is the test. */
export class FakeWebSocket {
  static made: FakeWebSocket[] = [];
  readyState = 0;
  readonly sent: Sent[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.made.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Sent);
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.();
  }

  // The server's side.
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  receive(msg: Incoming): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }

  last(t: string): Sent {
    const found = this.sent.filter((m) => m.t === t).at(-1);
    if (!found) throw new Error(`nothing of type ${t} sent; sent: ${JSON.stringify(this.sent)}`);
    return found;
  }
}

/** Let promise callbacks (the client awaiting its answers) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A one-level tree: statics around string slots. */
export function tree(s: string[], d: string[] = [], f = s.join('|')): Tree {
  return { s, d, f };
}

export interface Page {
  win: Win;
  doc: Document;
  live: LiveSocket;
  clock: ManualClock;
  ws: () => FakeWebSocket;
  loads: (string | null)[];
  /** Answer the newest join of view `v` with a tree. */
  render(v: string, t: Tree): Promise<void>;
}

/** A page with the given body, the client started, its socket open. */
export async function page(body: string, options: LiveOptions & { url?: string } = {}): Promise<Page> {
  const win = new Window({ url: options.url ?? 'http://localhost:3000/counter' }) as unknown as Win;
  win.document.body.innerHTML = body;
  // morphdom reads the page's HTMLElement as a global, as it is in a browser.
  Object.assign(globalThis, { HTMLElement: win.HTMLElement });
  const clock = new ManualClock();
  const loads: (string | null)[] = [];
  FakeWebSocket.made = [];
  const live = new LiveSocket(win, {
    clock,
    random: () => 0.5,
    WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    load: (url) => loads.push(url),
    ...options,
  });
  live.start();
  const ws = () => FakeWebSocket.made.at(-1)!;
  ws().open();
  const render = async (v: string, t: Tree) => {
    const join = ws().sent.filter((m) => m.t === 'join' && m.v === v).at(-1)!;
    ws().receive({ t: 'rendered', ref: join.ref, v, tree: t });
    await settle();
  };
  return { win, doc: win.document, live, clock, ws, loads, render };
}

/** The standard counter view container. */
export function container(inner: string, id = 'dj-1', attrs = ''): string {
  return `<div id="${id}" data-dj-view="CounterView" data-dj-token="tok-${id}" data-dj-socket="/djust/socket"${attrs ? ' ' + attrs : ''}>${inner}</div>`;
}
