/**
 * Live links and history. `<a dj-patch href>`: the same view, a new URL (a patch message).
 * `<a dj-navigate href>` (or dj-navigate="/b"): the next view over the same socket, when the
 * page is in a live session; otherwise a full page load. Back and forward replay those.
 */
export interface Navigator {
  /** Patch the view owning `el` (or the root view) to `url`. */
  patch(url: string, from: Element | null): void;
  /** Mount the view at `url` live if possible, else load the page. */
  navigate(url: string, push: boolean): void;
  /** Whether `url` was last shown by a patch of the current root view. */
  patchedTo(url: string): boolean;
}

/** State we put in history entries, so popstate knows how the entry was made. */
export interface HistoryState {
  djust: 'patch' | 'navigate';
}

export function pushUrl(win: Window, url: string, kind: HistoryState['djust']): void {
  const state: HistoryState = { djust: kind };
  win.history.pushState(state, '', url);
}

/** The page's path and query, as views are joined and patched with it. */
export function currentUrl(win: Window): string {
  return win.location.pathname + win.location.search;
}

function linkTarget(e: MouseEvent): { el: HTMLAnchorElement; kind: 'patch' | 'navigate' } | null {
  // A modified click (new tab, download) stays the browser's.
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const el = (e.target as Element).closest?.<HTMLAnchorElement>('a[dj-patch],a[dj-navigate]');
  if (!el) return null;
  return { el, kind: el.hasAttribute('dj-patch') ? 'patch' : 'navigate' };
}

export function installNavigation(win: Window, nav: Navigator): void {
  win.document.addEventListener('click', (e) => {
    const link = linkTarget(e);
    if (!link) return;
    e.preventDefault();
    const explicit = link.el.getAttribute(`dj-${link.kind}`);
    const url = explicit || link.el.getAttribute('href') || '';
    if (link.kind === 'patch') {
      pushUrl(win, url, 'patch');
      nav.patch(url, link.el);
    } else {
      nav.navigate(url, true);
    }
  });
  win.addEventListener('popstate', () => {
    const url = currentUrl(win);
    if (nav.patchedTo(url)) nav.patch(url, null);
    else nav.navigate(url, false);
  });
}
