/**
 * One WebSocket connection: frames in, messages out. It decodes and checks every frame
 * (size is capped by the ws server), rate-limits events, verifies the join token against the
 * session cookie, and runs at most one view. Nothing a client sends can crash the process:
 * each problem is answered with an error code, or a close code when the peer cannot be trusted.
 */
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { CLOSE, ERR, T, decodeClientMessage, encode, type ClientMessage, type ErrorCode, type ServerMessage } from '@djust/protocol';
import { RateLimiter } from './rate-limit.js';
import { csrfMatches, readSession, type Session } from './session.js';
import { verify } from './signing.js';
import { ViewProcess } from './view-process.js';
import type { LiveServer } from './live-server.js';

/** What a join token binds: the route, its params, and the session (and its CSRF token) that loaded the page. */
export interface JoinClaims {
  route: string;
  params: Record<string, string>;
  sid: string;
  csrf: string;
}

export const JOIN_PURPOSE = 'join';

export class Connection {
  private process: ViewProcess | null = null;
  private readonly session: Session | undefined;
  private readonly limiter: RateLimiter;
  alive = true;
  closed = false;

  constructor(
    private readonly server: LiveServer,
    private readonly ws: WebSocket,
    req: IncomingMessage,
  ) {
    this.session = readSession(server.options.secret, req.headers.cookie);
    const { perSecond, burst } = server.options.rateLimit;
    this.limiter = new RateLimiter(perSecond, burst);
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => void this.onClose());
    // Oversized frames and protocol violations arrive here; ws closes the socket itself.
    ws.on('error', (e) => this.server.core.log.warn(`[djust] socket error: ${e.message}`));
  }

  send(msg: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encode(msg));
  }

  private fail(code: ErrorCode, message: string, ref?: number, event?: string): void {
    this.server.core.log.warn(`[djust] ${code}: ${message}`);
    this.send({ t: T.ERROR, code, message, ...(ref === undefined ? {} : { ref }), ...(event === undefined ? {} : { event }) });
  }

  private close(code: number, reason: string): void {
    this.server.core.log.warn(`[djust] closing connection (${code}): ${reason}`);
    this.ws.close(code, reason.slice(0, 120));
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.fail(ERR.BAD_MESSAGE, 'Binary frames are not part of the protocol');
    if (!this.limiter.take()) {
      // A client that keeps hammering after being told is cut off.
      if (this.limiter.refusedInARow > this.server.options.rateLimit.burst) return this.close(CLOSE.RATE_LIMITED, 'Too many messages');
      return this.fail(ERR.RATE_LIMITED, 'Too many messages; slow down');
    }
    const decoded = decodeClientMessage(data.toString());
    if (!decoded.ok) return this.fail(decoded.code, decoded.message, decoded.ref);
    this.dispatch(decoded.msg).catch((e: unknown) => {
      this.server.core.log.error('[djust] message handling failed', e);
      this.fail(ERR.RENDER_FAILED, 'The server could not handle the message');
    });
  }

  private async dispatch(msg: ClientMessage): Promise<void> {
    switch (msg.t) {
      case T.HEARTBEAT:
        return this.send({ t: T.HEARTBEAT, ref: msg.ref });
      case T.JOIN:
        return this.join(msg.ref, msg.token, msg.url, msg.forms);
      case T.EVENT: {
        if (!this.process) return this.fail(ERR.NOT_JOINED, 'Join a view before sending events', msg.ref);
        for (const m of await this.process.event(msg.name, msg.payload, msg.ref)) this.send(m);
        return;
      }
      case T.PATCH: {
        if (!this.process) return this.fail(ERR.NOT_JOINED, 'Join a view before patching', msg.ref);
        const url = this.server.sameOriginUrl(msg.url);
        const params = url && this.server.core.liveParams(url.pathname, this.process.cls);
        if (!url || !params) return this.send({ t: T.REDIRECT, ref: msg.ref, to: url ? url.pathname + url.search : '/', kind: 'navigate' });
        for (const m of await this.process.patch(url, params, msg.ref)) this.send(m);
        return;
      }
    }
  }

  private async join(ref: number, token: string, rawUrl: string, forms?: Record<string, Record<string, string | string[]>>): Promise<void> {
    if (this.process) return this.fail(ERR.ALREADY_JOINED, 'This connection already runs a view', ref);
    const claims = verify<JoinClaims>(this.server.options.secret, JOIN_PURPOSE, token);
    if (!claims.ok) {
      this.fail(claims.reason === 'expired' ? ERR.EXPIRED_TOKEN : ERR.BAD_TOKEN, claims.reason === 'expired' ? 'The page is too old; reload it' : 'The join token is not valid', ref);
      return this.close(CLOSE.BAD_TOKEN, claims.reason === 'expired' ? 'expired token' : 'bad token');
    }
    if (!this.session || this.session.id !== claims.value.sid || !csrfMatches(this.session, claims.value.csrf)) {
      this.fail(ERR.BAD_TOKEN, 'The join token belongs to another session', ref);
      return this.close(CLOSE.BAD_TOKEN, 'session mismatch');
    }
    const live = this.server.liveRoute(claims.value.route);
    const url = this.server.sameOriginUrl(rawUrl);
    const params = url && live && this.server.core.liveParams(url.pathname, live.cls);
    if (!live || !url || !params) return this.fail(ERR.NOT_FOUND, 'The page no longer maps to this view; reload it', ref);
    const process = new ViewProcess(this.server.core, live.cls, this.server.core.templateFor(live.cls), this.session, url, params, true, (m) => this.send(m));
    this.process = process;
    this.server.track(this, process);
    try {
      await process.mount();
      if (forms) await process.restoreForms(forms);
      const rendered = await process.rendered(ref);
      if (this.closed) return;
      this.send(rendered);
    } catch (e) {
      this.server.core.log.error(`[djust] mounting ${live.cls.name} failed`, e);
      this.fail(ERR.RENDER_FAILED, `Mounting ${live.cls.name} failed`, ref);
      this.close(1011, 'mount failed');
    }
  }

  private async onClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const p = this.process;
    this.process = null;
    this.server.untrack(this);
    if (p) await p.terminate('closed');
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
