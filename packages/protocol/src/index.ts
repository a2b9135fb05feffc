/** @djust/protocol: the wire format shared by server, client and test client. */
export * from './messages.js';
export * from './codec.js';
export * from './quoted.js';
