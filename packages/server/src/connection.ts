/**
 * One WebSocket connection: frames in, messages out. It decodes and checks every frame
 * (size is capped by the ws server), rate-limits them, admits each join (its token or
 * live-session claim against the session cookie and the URL), and runs any number of views,
 * each named by the client's `v`. Nothing a client sends can crash the process: each problem is
 * answered with an error code, or a close code when the peer cannot be trusted. Every message
 * with a ref gets exactly one answer with that ref, and a join's answer goes out before
 * anything else about its view.
 */
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { CLOSE, ERR, T, decodeClientMessage, encode, errorMessage, quoted, type ClientMessage, type ErrorCode, type JoinMessage, type ServerMessage, type ViewId } from '@djust/protocol';
import { rootAttributes } from './container-attrs.js';
import { admitJoin } from './join-admission.js';
import { issueJoinToken } from './join-token.js';
import type { LiveServer } from './live-server.js';
import { recoveryHandler, type ViewClass } from './live-view.js';
import { issueNavClaim } from './nav-claim.js';
import { RateLimiter } from './rate-limit.js';
import { sameOriginUrl } from './same-origin.js';
import { readSession, type Session } from './session.js';
import { ViewProcess, type Arrival, type ProcessOwner, type Recovery } from './view-process.js';

/** A join not yet answered: what is sent about its view meanwhile waits until the answer is out. */
type Joining = { ref: number; held: ServerMessage[] };

export class Connection {
  private readonly views = new Map<ViewId, ViewProcess>();
  private readonly joining = new Map<ViewId, Joining>();
  /** Nested view → the view it was rendered in (from its signed token): a parent ends its children. */
  private readonly parents = new Map<ViewId, ViewId>();
  private readonly session: Session | undefined;
  /** A flash put just before a live navigation: the next join by live-session claim shows it. */
  private carriedFlash: Record<string, string> | undefined;
  private readonly limiter: RateLimiter;
  private readonly joinTimer: ReturnType<typeof setTimeout>;
  /** Whether the peer answered the last ping. */
  private alive = true;
  private closed = false;

  constructor(
    private readonly server: LiveServer,
    private readonly ws: WebSocket,
    req: IncomingMessage,
  ) {
    this.session = readSession(server.options.secret, req.headers.cookie);
    const { perSecond, burst } = server.options.rateLimit;
    this.limiter = new RateLimiter(perSecond, burst);
    this.joinTimer = setTimeout(() => this.close(CLOSE.JOIN_TIMEOUT, 'no join in time'), server.options.joinTimeoutMs);
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => void this.onClose());
    // Oversized frames and protocol violations arrive here; ws closes the socket itself.
    ws.on('error', (e) => this.server.core.warnings.warn('socket error', `[djust] socket error: ${quoted(e.message)}`));
  }

  /** The views this connection runs (joining or joined), until it has closed and they have ended. */
  get processes(): IterableIterator<ViewProcess> {
    return this.views.values();
  }

  send(msg: ServerMessage): void {
    const v = 'v' in msg ? msg.v : undefined;
    const joining = v === undefined ? undefined : this.joining.get(v);
    if (v === undefined || !joining) return this.write(msg);
    if (!('ref' in msg) || msg.ref !== joining.ref) {
      joining.held.push(msg);
      return;
    }
    this.joining.delete(v);
    this.write(msg);
    for (const m of joining.held) this.write(m);
  }

  private write(msg: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encode(msg));
  }

  private fail(code: ErrorCode, message: string, ref?: number, event?: string, v?: ViewId): void {
    this.server.core.warnings.warn(code, `[djust] ${code}: ${message}`);
    this.send(errorMessage(code, message, ref, event, v));
  }

  private close(code: number, reason: string): void {
    this.server.core.warnings.warn(`close ${code}`, `[djust] closing connection (${code}): ${reason}`);
    this.ws.close(code, reason.slice(0, 120));
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.fail(ERR.BAD_MESSAGE, 'Binary frames are not part of the protocol');
    const decoded = decodeClientMessage(data.toString());
    const ref = decoded.ok ? decoded.msg.ref : decoded.ref;
    const v = decoded.ok && decoded.msg.t !== T.HEARTBEAT ? decoded.msg.v : undefined;
    if (!this.limiter.take()) {
      this.fail(ERR.RATE_LIMITED, 'Too many messages; slow down', ref, undefined, v);
      // A client that keeps hammering after being told is cut off.
      if (this.limiter.refusedInARow > this.server.options.rateLimit.burst) this.close(CLOSE.RATE_LIMITED, 'Too many messages');
      return;
    }
    if (!decoded.ok) return this.fail(decoded.code, decoded.message, decoded.ref);
    this.dispatch(decoded.msg).catch((e: unknown) => {
      this.server.core.warnings.error('message handling failed', '[djust] message handling failed', e);
      this.fail(ERR.RENDER_FAILED, 'The server could not handle the message', ref, undefined, v);
    });
  }

  /** The view `v` names, or undefined after answering that none runs. */
  private viewFor(v: ViewId, ref: number, event?: string): ViewProcess | undefined {
    const view = this.views.get(v);
    if (!view) this.fail(ERR.NOT_JOINED, `No view ${quoted(v)} runs on this connection; join it first`, ref, event?.slice(0, 100), v);
    return view;
  }

  /** The view's queue is full: the message is refused rather than waited for. */
  private busy(v: ViewId, ref: number, event?: string): void {
    this.fail(ERR.RATE_LIMITED, 'The view has too much to do; slow down', ref, event, v);
  }

  private async dispatch(msg: ClientMessage): Promise<void> {
    switch (msg.t) {
      case T.HEARTBEAT:
        return this.send({ t: T.HEARTBEAT, ref: msg.ref });
      case T.JOIN:
        return this.join(msg);
      case T.LEAVE: {
        const view = this.views.get(msg.v);
        // Leaving is idempotent: a view already ended (with its parent, say) is left already.
        if (!view) return this.send({ t: T.REPLY, ref: msg.ref, v: msg.v });
        // Gone at once: what the client sends it from now on is answered not_joined.
        this.forget(msg.v);
        await this.endChildren(msg.v);
        return view.leave(msg.ref);
      }
      case T.EVENT: {
        const view = this.viewFor(msg.v, msg.ref, msg.name);
        if (view && !view.event(msg.name, msg.payload, msg.ref)) this.busy(msg.v, msg.ref, msg.name.slice(0, 100));
        return;
      }
      case T.PATCH: {
        const view = this.viewFor(msg.v, msg.ref);
        if (!view) return;
        // An off-site URL is never followed; one another view serves becomes a navigation in the view's turn.
        const url = sameOriginUrl(msg.url);
        if (!url) return this.send({ t: T.REDIRECT, ref: msg.ref, v: msg.v, to: '/', kind: 'navigate' });
        if (!view.patch(url, msg.ref)) this.busy(msg.v, msg.ref);
        return;
      }
    }
  }

  private async join(msg: JoinMessage): Promise<void> {
    const { ref, v } = msg;
    if (this.views.has(v) || this.joining.has(v)) return this.fail(ERR.ALREADY_JOINED, `A view ${quoted(v)} already runs on this connection`, ref, undefined, v);
    const { secret, viewsPerSocket } = this.server.options;
    if (this.views.size >= viewsPerSocket) return this.fail(ERR.TOO_MANY_VIEWS, `A connection runs at most ${viewsPerSocket} views`, ref, undefined, v);
    this.joining.set(v, { ref, held: [] });
    const admitted = admitJoin(secret, this.session, msg, this.server.core);
    if (!admitted.ok) {
      if ('reload' in admitted) return this.send({ t: T.REDIRECT, ref, v, to: admitted.reload, kind: 'redirect' });
      this.fail(admitted.code, admitted.message, ref, undefined, v);
      if (admitted.close) this.close(CLOSE.BAD_TOKEN, admitted.close);
      return;
    }
    const { match, url, session, parent } = admitted;
    let process: ViewProcess;
    try {
      const { core, options } = this.server;
      process = new ViewProcess(core, match.cls, core.templateFor(match.cls), session, url, match.params, true, this.ownerFor(session, v, match.liveSession), options.queueLimit);
    } catch (e) {
      this.server.core.warnings.error(`${match.cls.name} construction failed`, `[djust] starting ${match.cls.name} failed`, e);
      this.fail(ERR.RENDER_FAILED, `Mounting ${match.cls.name} failed`, ref, undefined, v);
      return this.close(CLOSE.SERVER_ERROR, 'mount failed');
    }
    this.views.set(v, process);
    if (parent === undefined) this.parents.delete(v);
    else this.parents.set(v, parent);
    // Joined by claim, the client reuses the old root's container: it gets the new view's attributes.
    // It also gets the new page's title, which a full load would have shown.
    let arrival: Arrival | undefined;
    if (msg.nav !== undefined) {
      arrival = { attrs: rootAttributes(secret, this.server.options.tokenTtlSeconds, match, session), title: match.title ?? match.cls.name, flash: this.carriedFlash };
      this.carriedFlash = undefined;
    }
    if (await process.join(ref, this.recoverable(match.cls, msg.forms), arrival)) clearTimeout(this.joinTimer);
  }

  /** What the view process `v` may do to this connection. */
  private ownerFor(session: Session, v: ViewId, liveSession: string | undefined): ProcessOwner {
    const { secret, tokenTtlSeconds } = this.server.options;
    return {
      v,
      send: (m) => this.send(m),
      refuse: (code, message, ref, event) => this.fail(code, message, ref, event, v),
      fail: (reason) => this.close(CLOSE.SERVER_ERROR, reason),
      tokenFor: (match) => issueJoinToken(secret, tokenTtlSeconds, match, session),
      // Only a route of the same live session is navigated live; anything else loads a page.
      navFor: (match) => (liveSession !== undefined && match.liveSession === liveSession ? issueNavClaim(secret, tokenTtlSeconds, liveSession, session) : undefined),
      carryFlash: (flash) => {
        this.carriedFlash = Object.keys(flash).length ? flash : undefined;
      },
      // The socket stays open; the join timeout still applies to it while it has joined nothing.
      left: (process) => {
        if (this.views.get(v) === process) this.forget(v);
      },
    };
  }

  /** The join's forms that the view names for recovery, each taking a turn of the rate limit. */
  private recoverable(cls: ViewClass, forms: JoinMessage['forms']): Recovery[] {
    const out: Recovery[] = [];
    for (const [id, form] of Object.entries(forms ?? {})) {
      const handler = recoveryHandler(cls, id);
      if (!handler) continue;
      if (!this.limiter.take()) {
        this.server.core.warnings.warn(ERR.RATE_LIMITED, `[djust] ${ERR.RATE_LIMITED}: form ${quoted(id)} not recovered (rate limit)`);
        continue;
      }
      out.push({ handler, form });
    }
    return out;
  }

  /** The connection no longer runs `v`: what the client sends it is answered not_joined. */
  private forget(v: ViewId): void {
    this.views.delete(v);
    this.parents.delete(v);
  }

  /** Ends the views nested in `parent`, theirs with them. */
  private async endChildren(parent: ViewId): Promise<void> {
    const children = [...this.parents].filter(([, p]) => p === parent).map(([child]) => child);
    await Promise.all(
      children.map(async (child) => {
        const view = this.views.get(child);
        this.forget(child);
        await this.endChildren(child);
        await view?.terminate('parent left');
      }),
    );
  }

  /** Ends every view this connection runs. */
  async terminate(reason: string): Promise<void> {
    const views = [...this.views.values()];
    this.views.clear();
    await Promise.all(views.map((view) => view.terminate(reason)));
  }

  private async onClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.joinTimer);
    // Ended before untracked: once the app stops counting a connection, nothing of it is left.
    await this.terminate('closed');
    this.server.untrack(this);
  }

  /** Heartbeat: a connection that did not answer the last ping is gone. */
  ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }
}
