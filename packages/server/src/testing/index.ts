/** @djust/server/testing: drive live views over the real protocol, without a browser. */
export { LiveClient, type ConnectOptions } from './live-client.js';
export { ViewClient } from './view-client.js';
export { find, formData, values } from './dom.js';
