/** The objects loops and regroup hand to templates. */
import { pyRepr } from './values.js';

/**
 * The `forloop` variable; one object per loop, updated in place as Django does. Templates see
 * exactly the keys of Django's loop dict; the rest is `_`-named or private, so unreachable.
 */
export class ForLoop {
  counter0 = 0;
  counter = 1;
  revcounter: number;
  revcounter0: number;
  first = true;
  last: boolean;
  readonly #length: number;
  #ifchanged?: Map<string, unknown>;
  constructor(
    readonly parentloop: unknown,
    length: number,
  ) {
    this.#length = length;
    this.revcounter = length;
    this.revcounter0 = length - 1;
    this.last = length === 1;
  }
  /** Prints as Django's loop dict does. */
  toString(): string {
    const { parentloop, counter0, counter, revcounter, revcounter0, first, last } = this;
    return pyRepr({ parentloop, counter0, counter, revcounter, revcounter0, first, last });
  }
  /** ifchanged's memory inside this loop. */
  get _state(): Map<string, unknown> {
    return (this.#ifchanged ??= new Map());
  }
  _step(i: number): void {
    this.counter0 = i;
    this.counter = i + 1;
    this.revcounter = this.#length - i;
    this.revcounter0 = this.#length - i - 1;
    this.first = i === 0;
    this.last = i === this.#length - 1;
  }
}

/** regroup's namedtuple (grouper, list): by name, by index, and unpackable in a for loop. */
export class GroupedResult {
  constructor(
    readonly grouper: unknown,
    readonly list: unknown[],
  ) {}
  get 0(): unknown {
    return this.grouper;
  }
  get 1(): unknown {
    return this.list;
  }
  get length(): number {
    return 2;
  }
  *[Symbol.iterator](): Iterator<unknown> {
    yield this.grouper;
    yield this.list;
  }
}
