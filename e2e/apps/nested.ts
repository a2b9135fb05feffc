/** A page with two sibling live views, one of which nests a third: four views on one socket. */
import { LiveView, type App, type Params } from '@djust/server';

/** A counter that says which view it is; each nested view is one, with its own state. */
export class TallyView extends LiveView {
  static templateSource =
    '<section class="tally"><h2 id="{{ name }}-count">{{ name }} {{ n }}</h2><button id="{{ name }}-inc" dj-click="inc">+1 {{ name }}</button>' +
    '{% if inner %}{% live_render "InnerView" id="inner" %}{% endif %}</section>';
  static events = ['inc'];
  name = '';
  inner = false;
  n = 0;
  override mount(params: Params): void {
    this.name = params.name ?? '';
    this.inner = params.inner === 'yes';
  }
  inc(): void {
    this.n++;
  }
}

export class InnerView extends LiveView {
  static templateSource = '<p><b id="inner-count">inner {{ n }}</b> <button id="inner-inc" dj-click="inc">+1 inner</button></p>';
  static events = ['inc'];
  n = 0;
  inc(): void {
    this.n++;
  }
}

export class BoardView extends LiveView {
  static templateSource =
    '<main><h1 id="board-count">board {{ n }}</h1><button id="board-inc" dj-click="inc">+1 board</button>' +
    '{% live_render "TallyView" id="left" name="left" %}{% live_render "TallyView" id="right" name="right" inner="yes" %}</main>';
  static events = ['inc'];
  n = 0;
  inc(): void {
    this.n++;
  }
}

export function nestedRoutes(app: App): void {
  app.registerView(TallyView, InnerView);
  app.live('/board', BoardView);
}
