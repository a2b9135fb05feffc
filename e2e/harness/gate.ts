/**
 * A gate a view's handler waits at until the test opens it, so a test can look at the page while
 * an event is in flight. `reached` resolves once a handler is waiting.
 */
export interface Gate {
  /** For the handler: resolves when the test calls `open()`. */
  wait(): Promise<void>;
  /** Resolves once `wait()` has been called. */
  readonly reached: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  let reach!: () => void;
  const opened = new Promise<void>((ok) => (open = ok));
  const reached = new Promise<void>((ok) => (reach = ok));
  return {
    wait() {
      reach();
      return opened;
    },
    reached,
    open,
  };
}
