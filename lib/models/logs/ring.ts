// The last lines of one container, kept by the server so a new viewer sees them at once: at most
// `maxLines` lines and `maxBytes` bytes of text, the oldest going first. A fixed array used as a
// circle, so adding a line costs the same at 10 lines or 1,000.

export const RING_LINES = 1000;
export const RING_BYTES = 1024 * 1024;

export class Ring<T> {
  private items: (T | undefined)[];
  private head = 0;
  private count = 0;
  private bytes = 0;

  constructor(
    private readonly size: (item: T) => number,
    readonly maxLines = RING_LINES,
    readonly maxBytes = RING_BYTES,
  ) {
    this.items = new Array<T | undefined>(maxLines);
  }

  get length(): number {
    return this.count;
  }

  get byteSize(): number {
    return this.bytes;
  }

  push(item: T): void {
    if (this.count === this.maxLines) this.shift();
    this.items[(this.head + this.count) % this.maxLines] = item;
    this.count++;
    this.bytes += this.size(item);
    while (this.bytes > this.maxBytes && this.count > 1) this.shift();
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.head + i) % this.maxLines] as T);
    return out;
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.maxLines);
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
  }

  private shift() {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.maxLines;
    this.count--;
    this.bytes -= this.size(item);
  }
}
