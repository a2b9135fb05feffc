/** A counter: the smallest live view. Each click is an event; the page gets only the new number. */
import { LiveView } from '@djust/server';

export class CounterView extends LiveView {
  static template = 'counter.html';
  /** The only methods a browser may call. */
  static events = ['increment', 'decrement', 'reset'];
  count = 0;

  increment(): void {
    this.count += 1;
  }

  decrement(): void {
    this.count -= 1;
  }

  reset(): void {
    this.count = 0;
  }
}
