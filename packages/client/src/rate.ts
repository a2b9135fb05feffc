/**
 * dj-debounce and dj-throttle: per element and event, decide when a send happens. Debounce
 * waits for a quiet spell (or, with "blur", for the element to lose focus); throttle sends at
 * once, then at most once per interval, keeping the latest call for the end of the interval.
 */
import type { Clock } from './clock.js';

interface Limiter {
  timer: unknown;
  last: number;
  trailing: (() => void) | null;
}

const limiters = new WeakMap<Element, Map<string, Limiter>>();

function limiter(el: Element, key: string): Limiter {
  let byKey = limiters.get(el);
  if (!byKey) limiters.set(el, (byKey = new Map()));
  let l = byKey.get(key);
  if (!l) byKey.set(key, (l = { timer: null, last: -Infinity, trailing: null }));
  return l;
}

/** Run `send` as the element's dj-debounce / dj-throttle say, or at once without them. */
export function rateLimit(el: Element, key: string, clock: Clock, send: () => void): void {
  const debounce = el.getAttribute('dj-debounce');
  const throttle = el.getAttribute('dj-throttle');
  if (debounce !== null) return debounced(el, key, debounce, clock, send);
  if (throttle !== null) return throttled(limiter(el, key), Number(throttle), clock, send);
  send();
}

function debounced(el: Element, key: string, spec: string, clock: Clock, send: () => void): void {
  const l = limiter(el, key);
  clock.clearTimeout(l.timer);
  if (spec === 'blur') {
    if (!l.trailing) el.addEventListener('blur', () => flush(el, key), { once: true });
    l.trailing = send;
    return;
  }
  l.trailing = send;
  l.timer = clock.setTimeout(() => flush(el, key), Number(spec) || 0);
}

/** Send what a debounce holds now (a blur, a submit of the form). */
export function flush(el: Element, key: string): void {
  const l = limiters.get(el)?.get(key);
  const send = l?.trailing;
  if (!l || !send) return;
  l.trailing = null;
  send();
}

function throttled(l: Limiter, ms: number, clock: Clock, send: () => void): void {
  const wait = l.last + ms - clock.now();
  if (wait <= 0) {
    l.last = clock.now();
    send();
    return;
  }
  if (!l.trailing) {
    l.timer = clock.setTimeout(() => {
      const trailing = l.trailing;
      l.trailing = null;
      l.last = clock.now();
      trailing?.();
    }, wait);
  }
  l.trailing = send;
}
