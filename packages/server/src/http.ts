/** Small HTTP pieces: reading bodies with a size cap, parsing them, sending responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withoutPrototypes } from '@djust/protocol';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A response a route handler can return: HTML by default. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A redirect with an empty body. */
export function redirectReply(to: string, status: number): Reply {
  return { status, headers: { location: to }, body: '' };
}

export function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body ?? '';
  const headers = { 'content-type': 'text/html; charset=utf-8', ...reply.headers };
  res.writeHead(reply.status ?? 200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/**
 * After a 413, the rest of an oversized body is read and thrown away (up to this much, or the
 * limit if larger): a server that closes with unread bytes sends a TCP reset, and the client
 * then loses the answer it was sent.
 */
const DISCARD_BYTES = 8 * 1024 * 1024;

function discardRest(req: IncomingMessage, limit: number): void {
  let discarded = 0;
  req.on('data', (c: Buffer) => {
    discarded += c.length;
    if (discarded > Math.max(limit, DISCARD_BYTES)) req.destroy();
  });
  req.resume();
}

/** Reads the request body, refusing more than `limit` bytes with a 413 the client gets to read. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const tooLarge = (): void => {
      discardRest(req, limit);
      reject(new HttpError(413, 'Request body too large'));
    };
    // Declared too large: refused before a byte of it is buffered.
    if (Number(req.headers['content-length']) > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData);
      chunks.length = 0;
      tooLarge();
    };
    req.on('data', onData);
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A form post or JSON body as a record whose objects have no prototype (repeated form fields
 * become arrays), so a field may be called `constructor` or `prototype`; a `__proto__` key,
 * which could pollute a prototype once the body is merged somewhere, is refused with 400.
 */
export function parseBody(contentType: string | undefined, text: string): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  if (!text) return out;
  if (contentType?.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'The body is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'The JSON body must be an object');
    const bare = withoutPrototypes(parsed);
    if (!bare.ok) throw new HttpError(400, `The body ${bare.reason}`);
    return bare.value as Record<string, unknown>;
  }
  for (const [k, v] of new URLSearchParams(text)) {
    if (k === '__proto__') throw new HttpError(400, 'The body holds a "__proto__" field');
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...(prev as string[]), v] : [prev as string, v];
  }
  return out;
}
