/** @djust/server: LiveView classes, the app (HTTP + WebSocket), sessions, pubsub. */
export { App, type AppOptions, type LiveRouteOptions, type RequestContext, type Handler, type RunningApp } from './app.js';
export { liveRenderTag, ROOT_VIEW_ID } from './nesting.js';
export { templateTags } from './template-tags.js';
export { jsTag, JsCommands, type JsCommand } from './js-commands.js';
export { LiveView, handler, declaredEvents, publicFields, type ViewClass } from './live-view.js';
export type { Params } from './router.js';
export type { Session } from './session.js';
export type { Reply } from './http.js';
export { NotFound } from './not-found.js';
export type { ErrorTemplates } from './error-pages.js';
export type { Logger } from './core.js';
export type { DevReport, DevStatement, OperationKind } from './dev-report.js';
export { MemoryPubSub } from './pubsub/memory.js';
export { RedisPubSub } from './pubsub/redis.js';
export type { PubSub, Listener } from './pubsub/types.js';
export { query, declareReads } from '@djust/jit';
