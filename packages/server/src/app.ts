/**
 * The app: routes (live views and plain HTTP handlers), templates, static files, sessions and
 * CSRF, allowed hosts and security headers, the WebSocket endpoint with its Host and Origin
 * checks, and the JIT over a MikroORM instance.
 *
 *   const app = new App({ secret, templates: ['templates'], orm });
 *   app.live('/rentals', DashboardView);
 *   app.get('/health', () => 'ok');
 *   const running = await app.listen(8000);
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { MikroORM } from '@mikro-orm/core';
import { FileCache, Jit, TieredCache } from '@djust/jit';
import { join } from 'node:path';
import { Engine, SafeString, escapeHtml, type Template } from '@djust/templates';
import { ATTR, SOCKET_PATH, quoted } from '@djust/protocol';
import { AppCore, type LiveMatch, type Logger } from './core.js';
import { consoleLogger, silentLogger } from './loggers.js';
import { Connection } from './connection.js';
import { rootAttributes } from './container-attrs.js';
import { HttpError, parseBody, readBody, redirectReply, send, type Reply } from './http.js';
import { serveFromFolder, serveNamedFile } from './static.js';
import type { LiveServer, LiveServerOptions } from './live-server.js';
import type { ViewClass } from './live-view.js';
import { MemoryPubSub } from './pubsub/memory.js';
import type { PubSub } from './pubsub/types.js';
import { Router, reverse, type Params } from './router.js';
import { HostGuard } from './hosts.js';
import { OriginCheck, type AllowedOrigins, type SecureProxyHeader } from './origins.js';
import { admitUpgrade } from './admission.js';
import { securityHeaders, setSecurityHeaders, type SecurityHeaders } from './headers.js';
import { csrfMatches, newSession, readSession, sessionCookie, type Session } from './session.js';
import type { SummaryOptions } from './log-summary.js';
import { SocketCap, type SocketsPerIp } from './socket-limits.js';
import { ViewProcess } from './view-process.js';
import { withClientScript, type PageFrame } from './page.js';
import { documentValues } from './page-title.js';
import { ErrorPages, type ErrorTemplates } from './error-pages.js';
import { NotFound } from './not-found.js';
import { ROOT_VIEW_ID } from './nesting.js';
import { templateTags } from './template-tags.js';
import { issueNestToken } from './nest-token.js';
import { renderWithChildren } from './nested-render.js';
import { DevRecorder } from './dev-recorder.js';
import { devPanelEnabled, recordedPage } from './dev-panel.js';
import type { DevReport } from './dev-report.js';
import { TemplateReloader, frameOf, liveReloadEnabled, type ReloadOutcome } from './live-reload.js';

export interface AppOptions {
  /** Signs sessions, join tokens and cache entries. Required; keep it out of the client. */
  secret: string;
  /** Template folders. */
  templates?: string[];
  /** A ready engine instead of `templates` (for custom filters and tags; give it `urlResolver: (n, a, k) => app.url(n, a, k)` for {% url %}). */
  engine?: Engine;
  /** The page layout: gets `content` (the live view), `title`, `csrf_token` and `djust_script`. */
  layout?: string;
  /** URL prefix → folder, e.g. { '/static': 'static' }. */
  static?: Record<string, string>;
  orm?: MikroORM;
  jit?: Jit;
  /**
   * The app's cache folder: generated serializers are kept under `<cacheDir>/jit`, signed with
   * the secret, and reused across restarts. Without it they live in memory only.
   */
  cacheDir?: string;
  pubsub?: PubSub;
  /**
   * Host names the app answers, as Django's ALLOWED_HOSTS: 'example.com', '.example.com' (it and
   * its subdomains), '*' (any). Other hosts get 400, pages and WebSocket upgrades alike. Default
   * outside production: localhost and its subdomains, 127.0.0.1, [::1], the host given to
   * `listen()`, and the address a request arrived at. Required when NODE_ENV=production.
   */
  allowedHosts?: string[];
  /** Origins allowed to open the WebSocket; default: the page's own (the request's scheme and Host). */
  allowedOrigins?: AllowedOrigins;
  /** A header a trusted TLS proxy sets on HTTPS requests, e.g. ['x-forwarded-proto', 'https'] (Django's SECURE_PROXY_SSL_HEADER). */
  secureProxyHeader?: SecureProxyHeader;
  /** Largest request body accepted; a larger one gets 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** Largest WebSocket frame accepted (default 64 KiB). */
  maxFrameBytes?: number;
  /** Events per second per connection, with a burst allowance (default 50/s, 100). */
  rateLimit?: { perSecond?: number; burst?: number };
  /** Ping interval; a connection that misses one ping is dropped (default 30 s). */
  heartbeatMs?: number;
  /** How long a page's join token stays valid (default 8 h). */
  tokenTtlSeconds?: number;
  /** A socket that has not joined a view this long after the upgrade is closed with 4408 (default 10 s). */
  joinTimeoutMs?: number;
  /** Open WebSockets per client address, refused with 429 past it (default 100, loopback exempt). */
  socketsPerIp?: SocketsPerIp;
  /** Operations one view may have waiting or running; past it, events and patches get rate_limited (default 128). */
  queueLimit?: number;
  /** Views one socket may run at once (nested and sibling views count); past it, a join gets too_many_views (default 32). */
  viewsPerSocket?: number;
  /** Repeated warnings are counted, not logged: the first `logFirst` of a kind per `windowMs` (default 3 per 10 s). */
  warningSummary?: SummaryOptions;
  /** Set the session cookie's Secure flag (behind HTTPS). */
  secureCookies?: boolean;
  /** The browser client bundle, served at /djust/client.js. */
  clientScript?: string;
  logger?: Logger;
  /**
   * Headers sent with every response; defaults `X-Frame-Options: DENY`,
   * `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`. Give a value to change or
   * add one, `false` to drop one.
   */
  securityHeaders?: SecurityHeaders;
  /** Show error details on error pages. */
  debug?: boolean;
  /**
   * Templates for error pages by status, as Django's 404.html and 500.html:
   * `{ 404: '404.html', 500: '500.html' }`. Rendered with `status`, `message`, `path`, `title`
   * and `csrf_token` (and `stack` in debug); without one, or if it fails, a plain page is sent.
   */
  errorTemplates?: ErrorTemplates;
  /**
   * The development panel: each page shows, for its HTTP render and every later operation, the
   * SQL run, the JIT's plans and cache hits, render times and bytes sent. Default: on unless
   * NODE_ENV is `production` or `test`; refused in production.
   */
  devPanel?: boolean;
  /**
   * Live reload of templates: while the app listens, its template folders are watched; an edited
   * template is shown at once in every connected view (a diff, state kept), and a page whose
   * layout or base changed is loaded again. Default: on unless NODE_ENV is `production` or
   * `test`; refused in production.
   */
  liveReload?: boolean;
}

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Params;
  query: URLSearchParams;
  session: Session;
  /** The parsed form or JSON body of a POST/PUT/PATCH/DELETE. */
  body: Record<string, unknown>;
  render(template: string, context?: Record<string, unknown>): string;
  redirect(to: string, status?: number): Reply;
}

export type Handler = (ctx: RequestContext) => Reply | string | Promise<Reply | string>;

type Entry = { kind: 'live'; cls: ViewClass; title?: string; liveSession?: string } | { kind: 'http'; handlers: Map<string, Handler> };

/** A live route's options: its page title, its name for {% url %}, the live session it belongs to. */
export interface LiveRouteOptions {
  title?: string;
  name?: string;
  /** Routes of one live session are navigated live (same socket, no page load). */
  session?: string;
}


export interface RunningApp {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const DEFAULT_LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
</head>
<body>
{{ content }}
{{ djust_script }}
</body>
</html>
`;

export class App implements LiveServer {
  readonly core: AppCore;
  readonly options: LiveServerOptions & {
    maxFrameBytes: number;
    heartbeatMs: number;
    tokenTtlSeconds: number;
  };
  private readonly router = new Router<Entry>();
  private readonly patterns = new Map<string, Entry>();
  private readonly names = new Map<string, string>();
  private readonly connections = new Set<Connection>();
  private readonly sockets: SocketCap;
  private readonly idleWaiters: (() => void)[] = [];
  private layout: Template;
  /** Whether `listen` watches the template folders (the `liveReload` option). */
  private readonly liveReload: boolean;
  private readonly errorPages: ErrorPages;
  private readonly hosts: HostGuard;
  private readonly origins: OriginCheck;
  private readonly securityHeaders: ReturnType<typeof securityHeaders>;
  /** The development panel's recorder, when `devPanel` is on. */
  private readonly dev: DevRecorder | undefined;
  /** The `static` option with each prefix ending in '/', worked out once rather than per request. */
  private readonly staticFolders: readonly { prefix: string; dir: string }[];

  constructor(private readonly config: AppOptions) {
    if (!config.secret || config.secret.length < 16) throw new Error('App needs a secret of at least 16 characters');
    this.hosts = new HostGuard(config.allowedHosts, process.env.NODE_ENV === 'production');
    this.origins = new OriginCheck(config.allowedOrigins, config.secureProxyHeader);
    this.securityHeaders = securityHeaders(config.securityHeaders);
    this.staticFolders = Object.entries(config.static ?? {}).map(([prefix, dir]) => ({ prefix: prefix.endsWith('/') ? prefix : prefix + '/', dir }));
    const engine =
      config.engine ??
      new Engine({ dirs: config.templates ?? [], debug: config.debug, tags: templateTags, urlResolver: (name, args, kwargs) => this.url(name, args, kwargs) });
    const log = config.logger ?? (process.env.NODE_ENV === 'test' ? silentLogger : consoleLogger);
    this.dev = devPanelEnabled(config.devPanel) ? new DevRecorder() : undefined;
    this.liveReload = liveReloadEnabled(config.liveReload);
    if (this.dev && config.orm) this.dev.watch(config.orm);
    const jitCache = config.cacheDir ? new TieredCache([new FileCache(join(config.cacheDir, 'jit'), config.secret)]) : undefined;
    const jit =
      config.jit ??
      (config.orm
        ? new Jit({ orm: config.orm, cache: jitCache, onIssue: (i) => log.warn(`[djust:jit] ${i.template ?? '?'}:${i.line ?? '?'}: ${i.path}: ${i.message}`) })
        : undefined);
    this.layout = this.loadLayout(engine);
    this.errorPages = new ErrorPages(engine, config.errorTemplates ?? {}, !!config.debug, log);
    this.core = new AppCore(engine, config.orm, jit, config.pubsub ?? new MemoryPubSub(), log, (path) => this.liveMatch(path), {
      debug: config.debug,
      layout: this.layout,
      warningSummary: config.warningSummary,
      nestToken: (child, session) => issueNestToken(config.secret, this.options.tokenTtlSeconds, child, session),
      dev: this.dev,
    });
    this.sockets = new SocketCap(config.socketsPerIp);
    this.options = {
      secret: config.secret,
      rateLimit: { perSecond: config.rateLimit?.perSecond ?? 50, burst: config.rateLimit?.burst ?? 100 },
      maxFrameBytes: config.maxFrameBytes ?? 64 * 1024,
      heartbeatMs: config.heartbeatMs ?? 30_000,
      tokenTtlSeconds: config.tokenTtlSeconds ?? 8 * 3600,
      joinTimeoutMs: config.joinTimeoutMs ?? 10_000,
      queueLimit: config.queueLimit ?? 128,
      viewsPerSocket: config.viewsPerSocket ?? 32,
    };
  }

  private loadLayout(engine: Engine): Template {
    return this.config.layout ? engine.getTemplate(this.config.layout) : engine.fromString(DEFAULT_LAYOUT, '<djust layout>');
  }

  /**
   * Live reload, once the changed files compiled: the engine forgets every compiled template
   * (a changed one may be included or extended anywhere), so the next lookup reads the files
   * again and the JIT, which keys its plans by template object and flattened source, plans the
   * new ones afresh. Then every connected view renders again with its template looked up anew.
   */
  private async reloadTemplates(): Promise<ReloadOutcome[]> {
    const { engine, log } = this.core;
    const processes = [...this.connections].flatMap((c) => [...c.processes]);
    const before = new Map(processes.map((p) => [p, frameOf(engine, p.template, p.liveBlock, this.layout)]));
    engine.clearCache();
    this.core.forgetTemplates();
    this.layout = this.loadLayout(engine);
    this.core.layout = this.layout;
    return Promise.all(
      processes.map(async (p): Promise<ReloadOutcome> => {
        let template: Template;
        try {
          template = this.core.templateFor(p.cls);
        } catch (e) {
          log.error(`[djust] ${p.cls.name}'s template could not be loaded after a change (it keeps its last render)`, e);
          return 'failed';
        }
        return p.reload(template, (t, block) => frameOf(engine, t, block, this.layout) !== before.get(p));
      }),
    );
  }

  // ------------------------------------------------------------------ routes

  private add(path: string, entry: Entry): void {
    if (this.patterns.has(path)) throw new Error(`Route ${path} is already registered`);
    this.patterns.set(path, entry);
    this.router.add(path, entry);
  }

  /**
   * A live view at `path` (`/leases/:id` gives `params.id`); `name` makes it reversible with
   * {% url %}; `session` puts it in a live session.
   */
  live(path: string, cls: ViewClass, options: LiveRouteOptions = {}): this {
    this.add(path, { kind: 'live', cls, title: options.title, liveSession: options.session });
    this.core.registerView(cls);
    if (options.name) this.nameRoute(options.name, path);
    return this;
  }

  /**
   * A live session, as Phoenix's live_session: its routes are navigated live among themselves
   * (dj-navigate links, pushNavigate, back and forward) on the socket the page has.
   */
  liveSession(name: string, routes: readonly (readonly [string, ViewClass, Omit<LiveRouteOptions, 'session'>?])[]): this {
    for (const [path, cls, options] of routes) this.live(path, cls, { ...options, session: name });
    return this;
  }

  /** Makes view classes that no route serves nestable with {% live_render "ClassName" id="..." %}. */
  registerView(...classes: ViewClass[]): this {
    for (const cls of classes) this.core.registerView(cls);
    return this;
  }

  /** Names a route for `{% url 'name' arg %}` and `app.url('name', ...)`. */
  nameRoute(name: string, path: string): this {
    if (this.names.has(name)) throw new Error(`A route is already named '${name}'`);
    this.names.set(name, path);
    return this;
  }

  /** The URL of a named route, as `{% url %}` gives it (Django's reverse). */
  url(name: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}): string {
    const pattern = this.names.get(name);
    if (!pattern) throw new Error(`NoReverseMatch: no route named '${name}'`);
    return reverse(pattern, args, kwargs);
  }

  route(method: string, path: string, handler: Handler, options: { name?: string } = {}): this {
    if (options.name) this.nameRoute(options.name, path);
    const existing = this.patterns.get(path);
    if (existing && existing.kind === 'http') existing.handlers.set(method.toUpperCase(), handler);
    else this.add(path, { kind: 'http', handlers: new Map([[method.toUpperCase(), handler]]) });
    return this;
  }

  get(path: string, handler: Handler, options: { name?: string } = {}): this {
    return this.route('GET', path, handler, options);
  }

  post(path: string, handler: Handler, options: { name?: string } = {}): this {
    return this.route('POST', path, handler, options);
  }

  private liveMatch(path: string): LiveMatch | undefined {
    const found = this.router.find(path);
    const entry = found?.route.handler;
    if (!found || entry?.kind !== 'live') return undefined;
    return {
      pattern: found.route.pattern,
      cls: entry.cls,
      params: found.params,
      ...(entry.title === undefined ? {} : { title: entry.title }),
      ...(entry.liveSession === undefined ? {} : { liveSession: entry.liveSession }),
    };
  }

  // ------------------------------------------------------------------ HTTP

  /** Node's request listener: use it with any http server, or call `listen`. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const seen: { session?: Session } = {};
    this.serve(req, res, seen).catch((e: unknown) => this.failRequest(req, res, e, seen.session));
  };

  /** The error page for what a request threw (a 404 page for a NotFound); the session's CSRF token once it was read. */
  private failRequest(req: IncomingMessage, res: ServerResponse, e: unknown, session: Session | undefined): void {
    const status = e instanceof HttpError ? e.status : 500;
    if (status >= 500) this.core.log.error('[djust] request failed', e);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const message = e instanceof HttpError ? e.message : 'Internal Server Error';
    const path = new URL(req.url ?? '/', 'http://djust.invalid').pathname;
    send(res, { status, body: this.errorPages.render({ status, message, path, csrf: session?.csrf ?? '', error: e }) });
  }

  private async serve(req: IncomingMessage, res: ServerResponse, seen: { session?: Session }): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://djust.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    setSecurityHeaders(res, this.securityHeaders);
    if (!this.hosts.allows(req)) {
      this.core.warnings.warn('host refused', `[djust] Host ${quoted(req.headers.host ?? '')} is not in allowedHosts`);
      throw new HttpError(400, 'Bad Request: the Host header is not allowed');
    }

    // Files first: they need no session, so no cookie is verified or set for them.
    if (method === 'GET' || method === 'HEAD') {
      const script = this.config.clientScript;
      const headOnly = method === 'HEAD';
      if (script && url.pathname === '/djust/client.js' && (await serveNamedFile(res, script, headOnly))) return;
      for (const { prefix, dir } of this.staticFolders) {
        if (url.pathname.startsWith(prefix) && (await serveFromFolder(res, dir, url.pathname.slice(prefix.length - 1), headOnly))) return;
      }
    }

    const read = readSession(this.options.secret, req.headers.cookie);
    const session = read ?? newSession();
    const sent = JSON.stringify(session.data);
    seen.session = session;
    const cookie = (): string => sessionCookie(this.options.secret, session, !!this.config.secureCookies);
    if (!read) res.setHeader('set-cookie', cookie());

    const found = this.router.find(url.pathname);
    if (!found) throw new NotFound();
    const entry = found.route.handler;
    if (entry.kind === 'live') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Method Not Allowed');
      return send(res, await recordedPage(this.dev, entry.cls.name, url, () => this.livePage(entry, found.route.pattern, found.params, url, session)));
    }
    const handler = entry.handlers.get(method) ?? (method === 'HEAD' ? entry.handlers.get('GET') : undefined);
    if (!handler) throw new HttpError(405, 'Method Not Allowed');
    let body: Record<string, unknown> = {};
    if (method !== 'GET' && method !== 'HEAD') {
      body = parseBody(req.headers['content-type'], await readBody(req, this.config.maxBodyBytes ?? 1024 * 1024));
      // CSRF: a state-changing request must carry the session's token, in the form or a header.
      if (!csrfMatches(session, body.csrfmiddlewaretoken ?? req.headers['x-csrftoken'])) throw new HttpError(403, 'CSRF token missing or incorrect');
    }
    const reply = await handler({
      req,
      url,
      params: found.params,
      query: url.searchParams,
      session,
      body,
      render: (name, context = {}) => this.core.engine.getTemplate(name).render({ csrf_token: session.csrf, ...context }),
      redirect: (to, status = 303) => redirectReply(to, status),
    });
    // What the handler wrote in the session goes back in its cookie.
    if (JSON.stringify(session.data) !== sent) res.setHeader('set-cookie', cookie());
    send(res, typeof reply === 'string' ? { body: reply } : reply);
  }

  /**
   * The first render: the whole page over HTTP, readable without JavaScript, with a join token;
   * or a 302 when mount (or handleParams) sent the visitor away, redirect and navigate alike.
   */
  private async livePage(entry: Extract<Entry, { kind: 'live' }>, pattern: string, params: Params, url: URL, session: Session): Promise<Reply> {
    const process = new ViewProcess(this.core, entry.cls, this.core.templateFor(entry.cls), session, url, params, false);
    try {
      // A NotFound from mount or handleParams goes on to the 404 page.
      const navigation = await process.mount();
      if (navigation) {
        await process.terminate(navigation.kind);
        return redirectReply(navigation.to, 302);
      }
      const container = this.rootContainer({ pattern, params, cls: entry.cls, liveSession: entry.liveSession }, session);
      const script = this.config.clientScript ? `<script src="/djust/client.js" defer></script>` : '';
      const values = documentValues(entry.title ?? entry.cls.name, session.csrf, script);
      const html = await renderWithChildren(this.core, process, { container, values });
      // A page written the Django way is already the whole document; the layout is for the others.
      if (process.liveBlock !== null) return { body: withClientScript(html, script) };
      return { body: this.layout.render({ ...values, content: new SafeString(html) }) };
    } finally {
      await process.terminate('rendered');
    }
  }

  /** The root view's container, opened and closed: its id, view, join token and socket path, and in a live session its claim. */
  private rootContainer(match: LiveMatch, session: Session): PageFrame['container'] {
    const { [ATTR.VIEW]: view, [ATTR.TOKEN]: token, ...live } = rootAttributes(this.options.secret, this.options.tokenTtlSeconds, match, session);
    const attrs = { id: ROOT_VIEW_ID, [ATTR.VIEW]: view, [ATTR.TOKEN]: token, [ATTR.SOCKET]: SOCKET_PATH, ...live };
    return { before: `<div ${Object.entries(attrs).map(([k, val]) => `${k}="${escapeHtml(val ?? '')}"`).join(' ')}>`, after: '</div>' };
  }

  // ------------------------------------------------------------------ WebSocket

  private refuseUpgrade(socket: Duplex, status: number, text: string): void {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  untrack(conn: Connection): void {
    this.connections.delete(conn);
    if (this.connections.size === 0) for (const done of this.idleWaiters.splice(0)) done();
  }

  /** Resolves once no connection is open and every view they ran has ended (at once if none is). */
  whenIdle(): Promise<void> {
    return this.connections.size === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Live numbers, for tests and benchmarks: nothing may outlive its connection. */
  stats(): { connections: number; views: number; timers: number; subscriptions: number; queued: number; pubsubListeners: number } {
    let views = 0;
    let timers = 0;
    let subscriptions = 0;
    let queued = 0;
    for (const process of [...this.connections].flatMap((c) => [...c.processes])) {
      views++;
      timers += process.resources.timers;
      subscriptions += process.resources.subscriptions;
      queued += process.resources.queued;
    }
    return { connections: this.connections.size, views, timers, subscriptions, queued, pubsubListeners: this.core.pubsub.listenerCount };
  }

  /** The development panel's latest reports, oldest first (empty with `devPanel` off): a hook for tests. */
  devReports(): DevReport[] {
    return this.dev?.reports() ?? [];
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<RunningApp> {
    const server = createServer(this.handle);
    const wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxFrameBytes, perMessageDeflate: false });
    server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://djust.invalid').pathname;
      if (path !== SOCKET_PATH) return this.refuseUpgrade(socket, 404, 'Not Found');
      const refusal = admitUpgrade(req, this.hosts, this.origins);
      if (refusal) {
        this.core.warnings.warn(`upgrade refused ${refusal.status}`, `[djust] WebSocket upgrade refused: ${refusal.reason}`);
        return this.refuseUpgrade(socket, refusal.status, refusal.text);
      }
      const release = this.sockets.admit(req.socket.remoteAddress);
      if (!release) {
        this.core.warnings.warn('too many sockets', `[djust] WebSocket from ${String(req.socket.remoteAddress)} refused: too many open`);
        return this.refuseUpgrade(socket, 429, 'Too Many Requests');
      }
      socket.once('close', release);
      wss.handleUpgrade(req, socket, head, (ws) => this.connections.add(new Connection(this, ws, req)));
    });
    const beat = setInterval(() => {
      for (const c of this.connections) c.ping();
    }, this.options.heartbeatMs);
    beat.unref();
    this.hosts.addListenHost(host);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => ok());
    });
    // Watchers only once the port is ours: a failed listen leaves nothing open.
    const reloader = this.liveReload
      ? new TemplateReloader({ engine: this.core.engine, log: this.core.log, reloadViews: () => this.reloadTemplates() }, this.core.engine.dirs)
      : undefined;
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    return {
      url: `http://${host}:${actualPort}`,
      port: actualPort,
      server,
      close: async () => {
        clearInterval(beat);
        reloader?.close();
        await reloader?.settled();
        for (const client of wss.clients) client.terminate();
        await Promise.all([...this.connections].map((c) => c.terminate('shutdown')));
        await new Promise<void>((ok) => wss.close(() => ok()));
        await new Promise<void>((ok) => server.close(() => ok()));
        this.core.warnings.flush();
      },
    };
  }
}
