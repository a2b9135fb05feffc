/**
 * Which Host headers the app answers, as Django's ALLOWED_HOSTS: exact names, '.example.com'
 * for a domain and its subdomains, '*' for any. A page or upgrade for another host is refused,
 * which closes the DNS-rebinding hole (an attacker's name that resolves to this machine).
 */
import type { IncomingMessage } from 'node:http';

/** Django's defaults when DEBUG is on and ALLOWED_HOSTS is empty. */
const DEVELOPMENT_HOSTS = ['.localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '[::]']);

// A name or dotted address, or a bracketed IPv6 address; then an optional port (Django's host_validation_re).
const HOST_RE = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:\d+)?$/;

/** The domain of a Host header: lowercased, port and trailing dot removed; undefined when malformed. */
export function domainOf(host: string): string | undefined {
  const m = HOST_RE.exec(host.toLowerCase());
  if (!m) return undefined;
  const domain = m[1].endsWith('.') ? m[1].slice(0, -1) : m[1];
  return domain || undefined;
}

/** A bare address (as sockets and `listen()` give them) in the form a Host header carries it. */
function asHostName(address: string): string {
  const bare = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return bare.includes(':') && !bare.startsWith('[') ? `[${bare}]` : bare;
}

/** Django's validate_host for a domain already normalized by `domainOf`. */
export function hostMatches(domain: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p === '*' || (p.startsWith('.') ? domain === p.slice(1) || domain.endsWith(p) : domain === p));
}

export class HostGuard {
  private readonly patterns: string[];
  /** Only the development defaults grow with the listen host and the local address. */
  private readonly learns: boolean;

  constructor(allowedHosts: readonly string[] | undefined, production: boolean) {
    if (!allowedHosts && production) {
      throw new Error(
        "allowedHosts is required in production (NODE_ENV=production): list the hosts this app answers to, e.g. ['example.com', '.example.com'], or ['*'] to accept any",
      );
    }
    this.patterns = (allowedHosts ?? DEVELOPMENT_HOSTS).map((p) => p.toLowerCase());
    this.learns = !allowedHosts;
  }

  /** listen()'s host joins the development defaults (it is only known once listen runs). */
  addListenHost(host: string): void {
    const name = asHostName(host);
    if (this.learns && !WILDCARD_ADDRESSES.has(name) && !this.patterns.includes(name)) this.patterns.push(name);
  }

  /** True when the app answers the request's Host. */
  allows(req: IncomingMessage): boolean {
    const domain = domainOf(req.headers.host ?? '');
    if (!domain) return false;
    if (hostMatches(domain, this.patterns)) return true;
    // Without listen() (App.handle on a server of its own) the address a request arrived at
    // stands in for the listen host: a rebinding attack always carries the attacker's name.
    const local = req.socket.localAddress;
    return this.learns && !!local && domain === asHostName(local);
  }
}
