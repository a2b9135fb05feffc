/** A paged list whose page lives in the URL: dj-patch links change it without a remount. */
import { LiveView, type App, type Params } from '@djust/server';

export class PagerView extends LiveView {
  static templateSource =
    '<h1 id="page">page {{ page }}</h1><p id="mounts">mounts {{ mounts }}</p>' +
    '<nav><a id="to-1" href="/pager?page=1" dj-patch>1</a> <a id="to-2" href="/pager?page=2" dj-patch>2</a> <a id="to-3" href="/pager?page=3" dj-patch>3</a></nav>';
  page = '1';
  mounts = 0;

  override mount(): void {
    this.mounts++;
  }

  override handleParams(_params: Params, url: URL): void {
    this.page = url.searchParams.get('page') ?? '1';
  }
}

export function pagerRoutes(app: App): void {
  app.live('/pager', PagerView);
}
