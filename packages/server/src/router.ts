/** Path patterns with named parameters: `/leases/:id`, `/files/*rest`. */

export type Params = Record<string, string>;

export interface Route<H> {
  pattern: string;
  handler: H;
  match(path: string): Params | undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRoute<H>(pattern: string, handler: H): Route<H> {
  if (!pattern.startsWith('/')) throw new Error(`A route must start with '/': ${pattern}`);
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      if (seg.startsWith('*')) {
        names.push(seg.slice(1));
        return '(.*)';
      }
      return escapeRe(seg);
    })
    .join('/');
  const re = new RegExp(`^${source}/?$`);
  return {
    pattern,
    handler,
    match(path: string): Params | undefined {
      const m = re.exec(path);
      if (!m) return undefined;
      const params: Params = {};
      names.forEach((n, i) => {
        try {
          params[n] = decodeURIComponent(m[i + 1]);
        } catch {
          params[n] = m[i + 1];
        }
      });
      return params;
    },
  };
}

/** Builds a URL from a pattern: `:name` from kwargs by name, else from args in order. */
export function reverse(pattern: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): string {
  let next = 0;
  const out = pattern.split('/').map((seg) => {
    if (!seg.startsWith(':') && !seg.startsWith('*')) return seg;
    const name = seg.slice(1);
    const value = Object.prototype.hasOwnProperty.call(kwargs, name) ? kwargs[name] : args[next++];
    if (value === undefined || value === null || value === '') throw new Error(`Reverse for '${pattern}' needs a value for '${name}'`);
    return seg.startsWith('*') ? String(value).split('/').map(encodeURIComponent).join('/') : encodeURIComponent(String(value));
  });
  if (next < args.length) throw new Error(`Reverse for '${pattern}' got ${args.length} arguments but uses ${next}`);
  return out.join('/') || '/';
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(pattern: string, handler: H): Route<H> {
    const route = compileRoute(pattern, handler);
    this.routes.push(route);
    return route;
  }

  find(path: string): { route: Route<H>; params: Params } | undefined {
    for (const route of this.routes) {
      const params = route.match(path);
      if (params) return { route, params };
    }
    return undefined;
  }
}
