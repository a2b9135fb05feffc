/**
 * One WebSocket for every view on the page: refs and their answers, a heartbeat, reconnects
 * with capped exponential backoff and jitter, and a queue for events sent while disconnected.
 */
import type { Incoming, Outgoing } from './wire.js';
import { realClock, type Clock } from './clock.js';

export interface SocketOptions {
  clock?: Clock;
  random?: () => number;
  WebSocket?: typeof WebSocket;
  /** Backoff: the first delay and the cap, in ms. */
  baseDelay?: number;
  maxDelay?: number;
  heartbeat?: number;
  /** How long a ref may wait for its answer. */
  timeout?: number;
  /** Events kept while disconnected; beyond this they are refused. */
  maxQueue?: number;
}

/** Why a request got no answer. */
export class RequestFailed extends Error {
  constructor(readonly reason: 'timeout' | 'closed' | 'refused') {
    super(`request ${reason}`);
  }
}

/**
 * The delay before reconnect attempt `attempt` (0-based): exponential, capped, and jittered
 * into [half, whole] so a server restart is not met by every tab at the same instant.
 */
export function backoff(attempt: number, base: number, cap: number, random: () => number): number {
  const whole = Math.min(cap, base * 2 ** attempt);
  return whole / 2 + (whole / 2) * random();
}

interface Pending {
  resolve(msg: Incoming): void;
  reject(err: RequestFailed): void;
  timer: unknown;
}

type Queued = { msg: Outgoing; pending: Pending };

export class Socket {
  onOpen: (reconnect: boolean) => void = () => {};
  onClose: () => void = () => {};
  onPush: (msg: Incoming) => void = () => {};

  private ws: WebSocket | null = null;
  private ref = 0;
  private attempt = 0;
  private opened = false;
  private stopped = false;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Queued[] = [];
  private beat: unknown = null;
  private readonly o: Required<SocketOptions>;

  constructor(private readonly url: string, options: SocketOptions = {}) {
    this.o = {
      clock: realClock,
      random: Math.random,
      WebSocket: globalThis.WebSocket,
      baseDelay: 500,
      maxDelay: 15_000,
      heartbeat: 30_000,
      timeout: 15_000,
      maxQueue: 50,
      ...options,
    };
  }

  get connected(): boolean {
    return this.ws?.readyState === 1;
  }

  connect(): void {
    this.stopped = false;
    const ws = new this.o.WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => this.opening();
    ws.onmessage = (e: MessageEvent) => this.receive(String(e.data));
    ws.onclose = () => this.closed(ws);
  }

  /** Close for good (no reconnect). */
  disconnect(): void {
    this.stopped = true;
    this.ws?.close();
  }

  /**
   * Send a message and resolve with its answer. `queue`: if disconnected, keep it until the
   * socket is back (after the views rejoined) rather than failing it.
   */
  request(msg: Outgoing, queue = false): Promise<Incoming> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject, timer: null };
      if (this.connected) return this.transmit(msg, pending);
      if (!queue) return reject(new RequestFailed('closed'));
      if (this.queue.length >= this.o.maxQueue) return reject(new RequestFailed('refused'));
      this.queue.push({ msg, pending });
    });
  }

  private transmit(msg: Outgoing, pending: Pending): void {
    const ref = ++this.ref;
    pending.timer = this.o.clock.setTimeout(() => this.settle(ref, new RequestFailed('timeout')), this.o.timeout);
    this.pending.set(ref, pending);
    this.ws!.send(JSON.stringify({ ...msg, ref }));
  }

  private settle(ref: number, outcome: Incoming | RequestFailed): void {
    const p = this.pending.get(ref);
    if (!p) return;
    this.pending.delete(ref);
    this.o.clock.clearTimeout(p.timer);
    if (outcome instanceof RequestFailed) p.reject(outcome);
    else p.resolve(outcome);
  }

  private opening(): void {
    const reconnect = this.opened;
    this.opened = true;
    this.attempt = 0;
    // Joins go first (onOpen), then what was queued: the server answers in order.
    this.onOpen(reconnect);
    for (const { msg, pending } of this.queue.splice(0)) this.transmit(msg, pending);
    this.heartbeat();
  }

  private heartbeat(): void {
    this.beat = this.o.clock.setTimeout(() => {
      if (!this.connected) return;
      // A heartbeat left unanswered means a dead link the browser has not noticed: drop it.
      this.request({ t: 'hb' }).then(() => this.heartbeat(), () => this.ws?.close());
    }, this.o.heartbeat);
  }

  private receive(data: string): void {
    let msg: Incoming;
    try {
      msg = JSON.parse(data) as Incoming;
    } catch {
      return;
    }
    if ('ref' in msg && typeof msg.ref === 'number' && this.pending.has(msg.ref)) this.settle(msg.ref, msg);
    else this.onPush(msg);
  }

  private closed(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.o.clock.clearTimeout(this.beat);
    for (const ref of [...this.pending.keys()]) this.settle(ref, new RequestFailed('closed'));
    this.onClose();
    if (this.stopped) return;
    const delay = backoff(this.attempt++, this.o.baseDelay, this.o.maxDelay, this.o.random);
    this.o.clock.setTimeout(() => this.connect(), delay);
  }
}
