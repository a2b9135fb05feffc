/** Two views of one live session: dj-navigate links mount one or the other on the same socket. */
import { LiveView, type App } from '@djust/server';

export class InboxView extends LiveView {
  static templateSource =
    '<h1 id="title">inbox</h1><p id="count">unread {{ unread }}</p><button id="read" dj-click="read">read one</button>' +
    '<a id="to-settings" href="/mail/settings" dj-navigate>settings</a>';
  static events = ['read'];
  unread = 3;
  read(): void {
    this.unread--;
  }
}

export class SettingsView extends LiveView {
  static templateSource =
    '<h1 id="title">settings</h1><label>Name <input id="name" name="name" dj-change="rename" value="{{ name }}"></label><p id="saved">name {{ name }}</p>' +
    '<a id="to-inbox" href="/mail/inbox" dj-navigate>inbox</a>';
  static events = ['rename'];
  name = 'ada';
  rename({ value }: { value?: unknown }): void {
    this.name = String(value ?? '');
  }
}

export function liveSessionRoutes(app: App): void {
  app.liveSession('mail', [
    ['/mail/inbox', InboxView],
    ['/mail/settings', SettingsView],
  ]);
}
