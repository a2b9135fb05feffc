/**
 * The views under test. Both are plain LiveViews with inline templates, so the benchmark
 * needs no template folder and measures the server, not file loading.
 */
import { LiveView } from '@djust/server';

/** The smallest useful view: one number that an event changes. */
export class CounterView extends LiveView {
  static templateSource = '<div><h1>Count: {{ count }}</h1><button dj-click="increment">+</button></div>';
  static events = ['increment'];
  count = 0;

  increment(): void {
    this.count++;
  }
}

export interface Row {
  id: number;
  name: string;
  qty: number;
}

export const TABLE_ROWS = 1000;

/** A 1000-row table in a `{% for %}`; `bump` changes one row's qty, so one cell should travel. */
export class TableView extends LiveView {
  static templateSource =
    '<table><thead><tr><th>Id</th><th>Name</th><th>Qty</th></tr></thead><tbody>' +
    '{% for row in rows %}<tr id="row-{{ row.id }}"><td>{{ row.id }}</td><td>{{ row.name }}</td><td>{{ row.qty }}</td></tr>{% endfor %}' +
    '</tbody></table>';
  static events = ['bump'];
  rows: Row[] = [];

  override mount(): void {
    this.rows = Array.from({ length: TABLE_ROWS }, (_, i) => ({ id: i + 1, name: `Item ${i + 1}`, qty: i % 50 }));
  }

  bump(payload: { id?: unknown }): void {
    const row = this.rows[Number(payload.id) - 1];
    if (row) row.qty++;
  }
}
