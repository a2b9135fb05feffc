/** Two views of one live session: dj-navigate links mount one or the other on the same socket. */
import { LiveView, type App, type Params } from '@djust/server';

export class InboxView extends LiveView {
  static templateSource =
    '<h1 id="title">inbox</h1><p id="count">unread {{ unread }}</p><button id="read" dj-click="read">read one</button>' +
    '<a id="to-settings" href="/mail/settings" dj-navigate>settings</a> <a id="to-folders" href="/mail/folders" dj-navigate>folders</a>';
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

/** A folder's own counter, nested in the folders page. */
export class FolderView extends LiveView {
  static templateSource = '<p><b id="{{ name }}-files">{{ name }} {{ files }}</b> <button id="{{ name }}-add" dj-click="add">add to {{ name }}</button></p>';
  static events = ['add'];
  name = '';
  files = 0;
  override mount(params: Params): void {
    this.name = params.name ?? '';
  }
  add(): void {
    this.files++;
  }
}

/** A page of the live session that nests views: navigating away must end them all. */
export class FoldersView extends LiveView {
  static templateSource =
    '<h1 id="title">folders</h1>{% live_render "FolderView" id="work" name="work" %}{% live_render "FolderView" id="home" name="home" %}' +
    '<a id="to-inbox" href="/mail/inbox" dj-navigate>inbox</a>';
}

export function liveSessionRoutes(app: App): void {
  app.registerView(FolderView);
  app.liveSession('mail', [
    ['/mail/inbox', InboxView],
    ['/mail/settings', SettingsView],
    ['/mail/folders', FoldersView],
  ]);
}
