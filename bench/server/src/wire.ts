/**
 * A bare protocol client on `ws`: GET the page for its session cookie and join token (as
 * LiveClient.open does), open the socket, join, send events. Unlike LiveClient it keeps no
 * tree and builds no DOM, so one process can drive thousands of sockets or tens of
 * thousands of events per second without becoming the thing measured.
 */
import WebSocket from 'ws';
import { ATTR, SOCKET_PATH, T, decodeServerMessage, type ServerMessage } from '@djust/protocol';
import { ROOT_VIEW_ID } from '@djust/server';

const TOKEN_RE = new RegExp(`${ATTR.TOKEN}="([^"]+)"`);
const OPEN_TIMEOUT_MS = 10_000;

export interface PageSession {
  cookie: string;
  token: string;
  /** Bytes of the HTML page (the first, non-live render). */
  pageBytes: number;
}

/** A received frame: the message and its size on the wire. */
export interface Frame {
  msg: ServerMessage;
  bytes: number;
}

/** GETs a live page: its session cookie and the join token in its root container (joined as ROOT_VIEW_ID). */
export async function loadPage(base: string, path: string): Promise<PageSession> {
  const res = await fetch(base + path, { redirect: 'manual', signal: AbortSignal.timeout(OPEN_TIMEOUT_MS) });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const html = await res.text();
  const token = TOKEN_RE.exec(html)?.[1];
  if (!token) throw new Error(`${path} has no ${ATTR.TOKEN}`);
  return { cookie, token, pageBytes: Buffer.byteLength(html) };
}

type Pending = { resolve: (f: Frame) => void; reject: (e: Error) => void };

export class WireClient {
  private ref = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly closed: Promise<void>;
  /** Server frames that answered no request (pushes, errors without ref). */
  unsolicited = 0;

  private constructor(
    private readonly ws: WebSocket,
    readonly path: string,
    readonly page: PageSession,
  ) {
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.on('message', (data: Buffer) => this.onFrame(data));
    ws.once('close', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`socket closed (${code})`));
      this.pending.clear();
    });
    // Errors also close the socket; the close handler rejects what is pending.
    ws.on('error', () => undefined);
  }

  /** GET the page, open the socket with its cookie, and join; rejects if any step fails. */
  static async connect(base: string, path: string): Promise<WireClient> {
    const page = await loadPage(base, path);
    const ws = new WebSocket(base.replace(/^http/, 'ws') + SOCKET_PATH, {
      headers: { cookie: page.cookie, origin: base },
      perMessageDeflate: false,
      handshakeTimeout: OPEN_TIMEOUT_MS,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, r) => reject(new Error(`upgrade refused: ${r.statusCode}`)));
    });
    const client = new WireClient(ws, path, page);
    client.joinFrame = await client.join();
    return client;
  }

  /** The join reply (the full rendered tree). */
  joinFrame: Frame | undefined;

  private async join(): Promise<Frame> {
    const ref = ++this.ref;
    const frame = this.expect(ref);
    this.ws.send(JSON.stringify({ t: T.JOIN, ref, v: ROOT_VIEW_ID, token: this.page.token, url: this.path }));
    const f = await frame;
    if (f.msg.t !== T.RENDERED) {
      this.ws.terminate();
      throw new Error(`join ${this.path} failed: ${JSON.stringify(f.msg).slice(0, 200)}`);
    }
    return f;
  }

  private expect(ref: number): Promise<Frame> {
    return new Promise((resolve, reject) => this.pending.set(ref, { resolve, reject }));
  }

  private onFrame(data: Buffer): void {
    const msg = decodeServerMessage(data.toString());
    const ref = msg && 'ref' in msg ? msg.ref : undefined;
    const p = ref === undefined ? undefined : this.pending.get(ref);
    if (!msg || !p || ref === undefined) {
      this.unsolicited++;
      return;
    }
    this.pending.delete(ref);
    p.resolve({ msg, bytes: data.length });
  }

  /** Sends an event; resolves with the frame carrying its ref. Many may be in flight at once. */
  event(name: string, payload: Record<string, unknown> = {}): Promise<Frame> {
    const ref = ++this.ref;
    const frame = this.expect(ref);
    this.ws.send(JSON.stringify({ t: T.EVENT, ref, v: ROOT_VIEW_ID, name, payload }));
    return frame;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Closes the socket and waits for the close handshake (or terminates after a while). */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    const timer = setTimeout(() => this.ws.terminate(), 5_000);
    await this.closed;
    clearTimeout(timer);
  }
}

/** Opens `count` clients, `batch` at a time, so thousands never pile up as one burst. */
export async function connectMany(base: string, path: string, count: number, batch: number, into: WireClient[] = []): Promise<WireClient[]> {
  for (let done = 0; done < count; ) {
    const n = Math.min(batch, count - done);
    const settled = await Promise.allSettled(Array.from({ length: n }, () => WireClient.connect(base, path)));
    for (const s of settled) if (s.status === 'fulfilled') into.push(s.value);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw new Error(`opening connections failed after ${into.length}: ${String(failed.reason)}`);
    done += n;
  }
  return into;
}

/** Closes every client, `batch` at a time. */
export async function closeAll(clients: readonly WireClient[], batch = 500): Promise<void> {
  for (let i = 0; i < clients.length; i += batch) await Promise.all(clients.slice(i, i + batch).map((c) => c.close()));
}
