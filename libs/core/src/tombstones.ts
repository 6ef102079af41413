/**
 * The last stream sequences of deleted objects, by key: only the latest `cap` to `2 × cap` are
 * kept, in two generations: when the newer one is full the older one is dropped whole, so keeping
 * the set bounded costs nothing per deletion (a long replay deletes hundreds of thousands).
 */
export class Tombstones {
  private recent = new Map<string, number>();
  private older = new Map<string, number>();

  constructor(private readonly cap: number) {}

  get(key: string): number | undefined {
    return this.recent.get(key) ?? this.older.get(key);
  }

  set(key: string, seq: number): void {
    this.older.delete(key);
    this.recent.set(key, seq);
    if (this.recent.size >= this.cap) {
      this.older = this.recent;
      this.recent = new Map();
    }
  }

  delete(key: string): void {
    this.recent.delete(key);
    this.older.delete(key);
  }

  get size(): number {
    return this.recent.size + this.older.size;
  }
}
