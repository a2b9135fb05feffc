/** Whether a WebSocket upgrade may proceed: a Host the app answers, then an allowed Origin. */
import type { IncomingMessage } from 'node:http';
import { quoted } from '@djust/protocol';
import type { HostGuard } from './hosts.js';
import type { OriginCheck } from './origins.js';

export interface Refusal {
  status: number;
  text: string;
  /** For the log. */
  reason: string;
}

export function admitUpgrade(req: IncomingMessage, hosts: HostGuard, origins: OriginCheck): Refusal | undefined {
  if (!hosts.allows(req)) return { status: 400, text: 'Bad Request', reason: `Host ${quoted(req.headers.host ?? '')} is not allowed` };
  if (!origins.allows(req)) return { status: 403, text: 'Forbidden', reason: `origin ${quoted(req.headers.origin)} refused` };
  return undefined;
}
