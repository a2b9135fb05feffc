/**
 * The browser entry: on DOMContentLoaded, join every live view on the page. `window.djust`
 * holds the hooks registry (`djust.hooks.Name = {...}`, before or after load) and the client.
 */
import { LiveSocket } from './live.js';
import { LOADING_CSS } from './loading.js';
import type { Hook } from './hooks.js';

interface Djust {
  hooks: Record<string, Hook>;
  live?: LiveSocket;
}

declare global {
  interface Window {
    djust?: Djust;
  }
}

const djust: Djust = window.djust ?? { hooks: {} };
window.djust = djust;

function start(): void {
  const style = document.createElement('style');
  style.textContent = LOADING_CSS;
  document.head.append(style);
  djust.live = new LiveSocket(window, { hooks: djust.hooks });
  djust.live.start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
