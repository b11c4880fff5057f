/** Typed arrays that grow by doubling: columns of numbers without one JS object per row. */
type TypedArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly make: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.data = new make(Math.max(capacity, 16));
  }

  /** Wraps existing values (a loaded snapshot) without copying them. */
  static of<T extends TypedArray>(make: TypedArrayConstructor<T>, values: T): Growable<T> {
    const growable = new Growable(make, 16);
    growable.data = values;
    growable.length = values.length;
    return growable;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.ensure(index + 1);
    this.data[index] = value;
    if (index >= this.length) this.length = index + 1;
  }

  push(value: number): void {
    this.ensure(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Values [start, end), as one view (no copy; view().subarray() would make two). */
  range(start: number, end: number): T {
    return this.data.subarray(start, end) as T;
  }

  /** The values, as a view (no copy). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  private ensure(size: number): void {
    if (size <= this.data.length) return;
    let capacity = Math.max(this.data.length * 2, 16);
    while (capacity < size) capacity *= 2;
    const next = new this.make(Math.max(capacity, 16));
    next.set(this.data as never);
    this.data = next;
  }
}
