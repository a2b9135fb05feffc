/**
 * The development panel's markup: a collapsible bar fixed at the bottom of the page, outside
 * every live view, so no render or diff ever touches it. It starts with the HTTP render's
 * report (embedded as JSON) and adds each later operation's report as it arrives (a push the
 * client dispatches on `window`). Its script and style are inlined from ../assets.
 */
import { readFileSync } from 'node:fs';
import type { DevReport } from './dev-report.js';
import type { DevRecorder } from './dev-recorder.js';
import type { Reply } from './http.js';
import { beforeBodyEnd } from './page.js';

const asset = (name: string): string => readFileSync(new URL(`../assets/${name}`, import.meta.url), 'utf8');

let assets: { script: string; style: string } | undefined;

/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators that end it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The panel, with the page's own report to start with. */
export function devPanelMarkup(first: DevReport): string {
  assets ??= { script: asset('dev-panel.js'), style: asset('dev-panel.css') };
  return (
    `<style id="djust-dev-style">${assets.style}</style>` +
    `<aside id="djust-dev" class="djust-dev" aria-label="Development panel">` +
    `<button type="button" class="djust-dev-toggle" aria-expanded="false" aria-controls="djust-dev-body">` +
    `<span class="djust-dev-brand">djust dev</span> <span class="djust-dev-summary"></span></button>` +
    `<div id="djust-dev-body" class="djust-dev-body" hidden><ol class="djust-dev-list" aria-label="Operations, newest first"></ol></div>` +
    `</aside>` +
    `<script type="application/json" id="djust-dev-first">${scriptJson(first)}</script>` +
    `<script>${assets.script}</script>`
  );
}

/**
 * Whether an app runs the panel: its `devPanel` option, by default on unless NODE_ENV is
 * `production` or `test`. Asked for in production, it is refused: the panel shows SQL and
 * timings that a production page must never carry.
 */
export function devPanelEnabled(option: boolean | undefined, env = process.env.NODE_ENV): boolean {
  if (option && env === 'production') throw new Error('devPanel must be off in production (NODE_ENV=production)');
  return option ?? (env !== 'production' && env !== 'test');
}

/** The HTTP render of a live page, recorded, with the panel (and the render's report) added to a page it answers with. */
export async function recordedPage(dev: DevRecorder | undefined, view: string, url: URL, render: () => Promise<Reply>): Promise<Reply> {
  if (!dev) return render();
  const label = { kind: 'http' as const, view, v: null, path: () => url.pathname + url.search };
  const { result, report } = await dev.page(label, render, (reply) => Buffer.byteLength(reply.body ?? ''));
  if (typeof result.body !== 'string' || (result.status ?? 200) !== 200) return result;
  return { ...result, body: beforeBodyEnd(result.body, devPanelMarkup(report)) };
}
