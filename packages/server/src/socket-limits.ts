/**
 * How many WebSockets one address may hold open. Loopback is exempt by default: a load test on
 * the same machine opens thousands, and behind a reverse proxy on the same host every client
 * arrives from loopback, so there the proxy must do the limiting.
 */
export interface SocketsPerIp {
  /** Open sockets per remote address (default 100). */
  max?: number;
  /** Whether 127.0.0.0/8 and ::1 are exempt (default true). */
  exemptLoopback?: boolean;
}

const isLoopback = (address: string): boolean => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

export class SocketCap {
  private readonly open = new Map<string, number>();
  private readonly max: number;
  private readonly exemptLoopback: boolean;

  constructor(options: SocketsPerIp = {}) {
    this.max = options.max ?? 100;
    this.exemptLoopback = options.exemptLoopback ?? true;
  }

  /** Admits one more socket from `address`: a release to call when it closes, or undefined when refused. */
  admit(address: string | undefined): (() => void) | undefined {
    const key = address ?? 'unknown';
    if (this.exemptLoopback && isLoopback(key)) return () => undefined;
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return undefined;
    this.open.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }
}
