/**
 * One WebSocket connection: frames in, messages out. It decodes and checks every frame
 * (size is capped by the ws server), rate-limits them, verifies the join token against the
 * session cookie and the URL, and runs at most one view. Nothing a client sends can crash the
 * process: each problem is answered with an error code, or a close code when the peer cannot
 * be trusted. Every message with a ref gets exactly one answer with that ref, and the join's
 * answer goes out before anything else.
 */
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { CLOSE, ERR, T, decodeClientMessage, encode, errorMessage, quoted, type ClientMessage, type ErrorCode, type JoinMessage, type ServerMessage } from '@djust/protocol';
import { claimsMatch, issueJoinToken, readJoinToken } from './join-token.js';
import type { LiveServer } from './live-server.js';
import { recoveryHandler, type ViewClass } from './live-view.js';
import { RateLimiter } from './rate-limit.js';
import { sameOriginUrl } from './same-origin.js';
import { csrfMatches, readSession, type Session } from './session.js';
import { ViewProcess, type ProcessOwner, type Recovery } from './view-process.js';

export class Connection {
  private running: ViewProcess | null = null;
  private readonly session: Session | undefined;
  private readonly limiter: RateLimiter;
  /** The ref of the join in progress: other messages wait in `held` until it is answered. */
  private joinRef: number | undefined;
  private held: ServerMessage[] = [];
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

  /** The view this connection runs, until it has closed and the view has ended. */
  get process(): ViewProcess | null {
    return this.running;
  }

  send(msg: ServerMessage): void {
    if (this.joinRef !== undefined) {
      if (!('ref' in msg) || msg.ref !== this.joinRef) {
        this.held.push(msg);
        return;
      }
      this.joinRef = undefined;
      this.write(msg);
      for (const m of this.held) this.write(m);
      this.held = [];
      return;
    }
    this.write(msg);
  }

  private write(msg: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encode(msg));
  }

  private fail(code: ErrorCode, message: string, ref?: number, event?: string): void {
    this.server.core.warnings.warn(code, `[djust] ${code}: ${message}`);
    this.send(errorMessage(code, message, ref, event));
  }

  private close(code: number, reason: string): void {
    this.server.core.warnings.warn(`close ${code}`, `[djust] closing connection (${code}): ${reason}`);
    this.ws.close(code, reason.slice(0, 120));
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.fail(ERR.BAD_MESSAGE, 'Binary frames are not part of the protocol');
    const decoded = decodeClientMessage(data.toString());
    const ref = decoded.ok ? decoded.msg.ref : decoded.ref;
    if (!this.limiter.take()) {
      this.fail(ERR.RATE_LIMITED, 'Too many messages; slow down', ref);
      // A client that keeps hammering after being told is cut off.
      if (this.limiter.refusedInARow > this.server.options.rateLimit.burst) this.close(CLOSE.RATE_LIMITED, 'Too many messages');
      return;
    }
    if (!decoded.ok) return this.fail(decoded.code, decoded.message, decoded.ref);
    this.dispatch(decoded.msg).catch((e: unknown) => {
      this.server.core.warnings.error('message handling failed', '[djust] message handling failed', e);
      this.fail(ERR.RENDER_FAILED, 'The server could not handle the message', ref);
    });
  }

  private async dispatch(msg: ClientMessage): Promise<void> {
    switch (msg.t) {
      case T.HEARTBEAT:
        return this.send({ t: T.HEARTBEAT, ref: msg.ref });
      case T.JOIN:
        return this.join(msg);
      case T.EVENT: {
        if (!this.running) return this.fail(ERR.NOT_JOINED, 'Join a view before sending events', msg.ref);
        if (!this.running.event(msg.name, msg.payload, msg.ref)) this.fail(ERR.RATE_LIMITED, 'The view has too much to do; slow down', msg.ref, msg.name.slice(0, 100));
        return;
      }
      case T.PATCH: {
        if (!this.running) return this.fail(ERR.NOT_JOINED, 'Join a view before patching', msg.ref);
        // An off-site URL is never followed; one another view serves becomes a navigation in the view's turn.
        const url = sameOriginUrl(msg.url);
        if (!url) return this.send({ t: T.REDIRECT, ref: msg.ref, to: '/', kind: 'navigate' });
        if (!this.running.patch(url, msg.ref)) this.fail(ERR.RATE_LIMITED, 'The view has too much to do; slow down', msg.ref);
        return;
      }
    }
  }

  /** Refuses a join: answers it, and closes the socket when the token cannot be trusted. */
  private refuseJoin(code: ErrorCode, message: string, ref: number, close?: string): void {
    this.fail(code, message, ref);
    if (close) this.close(CLOSE.BAD_TOKEN, close);
  }

  private async join(msg: JoinMessage): Promise<void> {
    const { ref } = msg;
    if (this.running || this.joinRef !== undefined) return this.fail(ERR.ALREADY_JOINED, 'This connection already runs a view', ref);
    this.joinRef = ref;
    const claims = readJoinToken(this.server.options.secret, msg.token);
    if (!claims.ok) {
      const expired = claims.reason === 'expired';
      return this.refuseJoin(expired ? ERR.EXPIRED_TOKEN : ERR.BAD_TOKEN, expired ? 'The page is too old; reload it' : 'The join token is not valid', ref, expired ? 'expired token' : 'bad token');
    }
    const session = this.session;
    if (!session || session.id !== claims.value.sid || !csrfMatches(session, claims.value.csrf)) {
      return this.refuseJoin(ERR.BAD_TOKEN, 'The join token belongs to another session', ref, 'session mismatch');
    }
    const url = sameOriginUrl(msg.url);
    const match = url && this.server.core.liveMatch(url.pathname);
    if (!url || !match) return this.refuseJoin(ERR.NOT_FOUND, 'The page no longer maps to a live view; reload it', ref);
    if (!claimsMatch(claims.value, match)) return this.refuseJoin(ERR.BAD_TOKEN, 'The join token was issued for another page', ref, 'token for another page');
    let process: ViewProcess;
    try {
      const { core, options } = this.server;
      process = new ViewProcess(core, match.cls, core.templateFor(match.cls), session, url, match.params, true, this.ownerFor(session), options.queueLimit);
    } catch (e) {
      this.server.core.warnings.error(`${match.cls.name} construction failed`, `[djust] starting ${match.cls.name} failed`, e);
      this.fail(ERR.RENDER_FAILED, `Mounting ${match.cls.name} failed`, ref);
      return this.close(CLOSE.SERVER_ERROR, 'mount failed');
    }
    this.running = process;
    if (await process.join(ref, this.recoverable(match.cls, msg.forms))) clearTimeout(this.joinTimer);
  }

  /** What the view process may do to this connection. */
  private ownerFor(session: Session): ProcessOwner {
    const { secret, tokenTtlSeconds } = this.server.options;
    return {
      send: (m) => this.send(m),
      refuse: (code, message, ref, event) => this.fail(code, message, ref, event),
      fail: (reason) => this.close(CLOSE.SERVER_ERROR, reason),
      tokenFor: (match) => issueJoinToken(secret, tokenTtlSeconds, match, session),
      // The socket stays open without a view; the join timeout still applies to it.
      left: () => (this.running = null),
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

  private async onClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.joinTimer);
    // Ended before untracked: once the app stops counting a connection, nothing of it is left.
    await this.running?.terminate('closed');
    this.running = null;
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
