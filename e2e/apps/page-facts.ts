/** What the browser can tell about the page beyond its DOM: document loads and sockets. */
import type { Page, WebSocket } from 'playwright';

export interface DocumentLoads {
  /** Navigation Timing entries: one per document load of this page. */
  count: number;
  /** The URL the one document was loaded from. */
  first: string;
}

export function documentLoads(page: Page): Promise<DocumentLoads> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('navigation');
    return { count: entries.length, first: entries[0]?.name ?? '' };
  });
}

/** Records every WebSocket the page opens, from now on. */
export function recordSockets(page: Page): WebSocket[] {
  const sockets: WebSocket[] = [];
  page.on('websocket', (ws) => sockets.push(ws));
  return sockets;
}

/** Path and query of the page's URL, as the address bar shows it. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}
