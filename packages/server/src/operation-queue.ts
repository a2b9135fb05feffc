/**
 * A view's operations (the join, events, patches, pushes) run one at a time, in the order they
 * arrived. The queue is bounded: past `limit` operations waiting or running, new ones are
 * refused, so a client cannot pile up work or memory faster than the view gets through it.
 */
const ignore = (): void => undefined;

export class OperationQueue {
  private tail: Promise<void> = Promise.resolve();
  private count = 0;

  constructor(private readonly limit: number) {}

  /** Operations waiting or running. */
  get size(): number {
    return this.count;
  }

  /** Runs `op` after everything queued before it; undefined, and `op` never runs, when the queue is full. */
  tryRun<R>(op: () => Promise<R>): Promise<R> | undefined {
    return this.count >= this.limit ? undefined : this.run(op);
  }

  /** Runs `op` after everything queued before it, whatever the bound (for the server's own work). */
  run<R>(op: () => Promise<R>): Promise<R> {
    this.count++;
    const result = this.tail.then(op).finally(() => this.count--);
    this.tail = result.then(ignore, ignore);
    return result;
  }
}
