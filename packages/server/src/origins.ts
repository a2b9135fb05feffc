/**
 * The WebSocket's Origin check. By default the Origin must be the page's own: the request's
 * scheme and Host, as Django's CSRF origin check compares them. `allowedOrigins` replaces that
 * with a list (compared as origins, so 'https://App.example:443' matches 'https://app.example')
 * or a predicate.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export type AllowedOrigins = string[] | ((origin: string, req: IncomingMessage) => boolean);
/** A header and value a trusted TLS proxy sets, as Django's SECURE_PROXY_SSL_HEADER: ['x-forwarded-proto', 'https']. */
export type SecureProxyHeader = readonly [name: string, value: string];

/** 'https' when the socket is TLS or the trusted proxy says so; else 'http'. */
export function schemeOf(req: IncomingMessage, proxyHeader: SecureProxyHeader | undefined): 'http' | 'https' {
  if ((req.socket as Partial<TLSSocket>).encrypted) return 'https';
  if (proxyHeader && req.headers[proxyHeader[0].toLowerCase()] === proxyHeader[1]) return 'https';
  return 'http';
}

/** The serialized origin of a URL ('null' for opaque ones), or undefined when it does not parse. */
function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export class OriginCheck {
  private readonly predicate: (origin: string, req: IncomingMessage) => boolean;

  constructor(allowed: AllowedOrigins | undefined, proxyHeader: SecureProxyHeader | undefined) {
    if (typeof allowed === 'function') this.predicate = allowed;
    else if (allowed) {
      const origins = new Set(allowed.map((o) => originOf(o) ?? o));
      this.predicate = (origin) => origins.has(originOf(origin) ?? origin);
    } else {
      this.predicate = (origin, req) => {
        const own = originOf(`${schemeOf(req, proxyHeader)}://${req.headers.host ?? ''}`);
        return own !== undefined && own !== 'null' && originOf(origin) === own;
      };
    }
  }

  /** Browsers always send Origin on WebSocket upgrades; other clients may not, and could forge it anyway. */
  allows(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.predicate(origin, req);
  }
}
