/** The `loop` variable of a `{% for %}`: index, length, first/last, cycle, changed, recursion. */
import { JinjaRuntimeError } from './errors.js';
import { Undefined } from './value/index.js';

const NO_VALUE: unique symbol = Symbol('no value');

export class LoopContext {
  /** 0-based position of the current item; set by the generated loop code each iteration. */
  index0 = 0;
  private lastChanged: unknown[] | typeof NO_VALUE = NO_VALUE;

  constructor(
    private readonly items: readonly unknown[],
    /** 1-based nesting depth of a recursive loop. */
    readonly depth: number,
    /** Renders a nested level of a `recursive` loop; undefined for ordinary loops. */
    private readonly recurseFn: ((iterable: unknown) => Promise<string>) | undefined,
    private readonly equals: (a: unknown, b: unknown) => boolean,
  ) {}

  get index(): number {
    return this.index0 + 1;
  }
  get length(): number {
    return this.items.length;
  }
  get revindex(): number {
    return this.items.length - this.index0;
  }
  get revindex0(): number {
    return this.items.length - this.index0 - 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this.items.length - 1;
  }
  get depth0(): number {
    return this.depth - 1;
  }
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : new Undefined('there is no previous item');
  }
  get nextitem(): unknown {
    return this.index0 + 1 < this.items.length
      ? this.items[this.index0 + 1]
      : new Undefined('there is no next item');
  }

  /** `loop.cycle('odd', 'even')`: the argument at the current index, wrapping around. */
  cycle(...args: unknown[]): unknown {
    if (args.length === 0) throw new JinjaRuntimeError('no items for cycling given');
    return args[this.index0 % args.length];
  }

  /** `loop.changed(x)`: true on the first call and whenever the arguments differ from the last call. */
  changed(...args: unknown[]): boolean {
    const prev = this.lastChanged;
    this.lastChanged = args;
    if (prev === NO_VALUE || prev.length !== args.length) return true;
    return !prev.every((v, i) => this.equals(v, args[i]));
  }

  /** `loop(children)` inside a recursive loop. */
  recurse(iterable: unknown): Promise<string> {
    if (this.recurseFn === undefined) {
      throw new JinjaRuntimeError(
        "Tried to call non recursive loop.  Maybe you forgot the 'recursive' modifier.",
      );
    }
    return this.recurseFn(iterable);
  }
}
