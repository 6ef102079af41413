/**
 * A set of field paths, as structured-merge-diff's fieldpath.Set: a trie whose nodes are path
 * elements in FieldsV1 spelling — `f:name` (a field), `k:{"name":"app"}` (a keyed list item),
 * `v:"x"` (an item of a set), `i:0` (a list index). A node is a member itself, has members below
 * it, or both (FieldsV1's `.`).
 */
export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  static of(...paths: string[][]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: readonly string[]): void {
    let node: FieldSet = this;
    for (const pe of path) node = node.child(pe);
    node.member = true;
  }

  child(pe: string): FieldSet {
    let c = this.children.get(pe);
    if (!c) this.children.set(pe, (c = new FieldSet()));
    return c;
  }

  has(path: readonly string[]): boolean {
    let node: FieldSet | undefined = this;
    for (const pe of path) if (!(node = node.children.get(pe))) return false;
    return node.member;
  }

  /** Some path of the set starts with `path` (or is it). */
  hasPrefix(path: readonly string[]): boolean {
    let node: FieldSet | undefined = this;
    for (const pe of path) if (!(node = node.children.get(pe))) return false;
    return !node.empty();
  }

  /** O(1): a set never keeps an empty child (every operation below drops them). */
  empty(): boolean {
    return !this.member && this.children.size === 0;
  }

  /** Some member of this set is a member of `other` (cheaper than an intersection). */
  intersects(other: FieldSet): boolean {
    if (this.member && other.member) return true;
    const [small, large] = this.children.size <= other.children.size ? [this, other] : [other, this];
    for (const [k, a] of small.children) {
      const b = large.children.get(k);
      if (b && a.intersects(b)) return true;
    }
    return false;
  }

  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member || other.member;
    for (const k of new Set([...this.children.keys(), ...other.children.keys()])) {
      const a = this.children.get(k);
      const b = other.children.get(k);
      const c = a && b ? a.union(b) : (a ?? b)!.copy();
      if (!c.empty()) out.children.set(k, c);
    }
    return out;
  }

  /** The members of this set that are not members of `other`. */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [k, a] of this.children) {
      const b = other.children.get(k);
      const c = b ? a.difference(b) : a.copy();
      if (!c.empty()) out.children.set(k, c);
    }
    return out;
  }

  /** The members of this set with no member of `other` at or above them (fieldpath's RecursiveDifference). */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [k, a] of this.children) {
      const b = other.children.get(k);
      if (b?.member) continue;
      const c = b ? a.recursiveDifference(b) : a.copy();
      if (!c.empty()) out.children.set(k, c);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && other.member;
    for (const [k, a] of this.children) {
      const b = other.children.get(k);
      if (!b) continue;
      const c = a.intersection(b);
      if (!c.empty()) out.children.set(k, c);
    }
    return out;
  }

  copy(): FieldSet {
    const out = new FieldSet();
    out.member = this.member;
    for (const [k, c] of this.children) out.children.set(k, c.copy());
    return out;
  }

  equals(other: FieldSet): boolean {
    return JSON.stringify(this.toFieldsV1()) === JSON.stringify(other.toFieldsV1());
  }

  /** Every member, in fieldpath.Set.Iterate's order: a level's members, then what lies below each child. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = [];
    const sorted = [...this.children.keys()].sort(comparePathElements);
    for (const k of sorted) if (this.children.get(k)!.member) out.push([...prefix, k]);
    for (const k of sorted) {
      const c = this.children.get(k)!;
      if (c.children.size) out.push(...c.paths([...prefix, k]));
    }
    return out;
  }

  /** FieldsV1 JSON: `{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}`. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.member && this.children.size) out['.'] = {};
    for (const k of [...this.children.keys()].sort(comparePathElements)) out[k] = this.children.get(k)!.toFieldsV1();
    return out;
  }

  static fromFieldsV1(json: unknown): FieldSet {
    const root = new FieldSet();
    const fill = (node: FieldSet, j: unknown) => {
      if (typeof j !== 'object' || j === null) return;
      for (const [k, v] of Object.entries(j)) {
        if (k === '.') {
          node.member = true;
          continue;
        }
        const c = node.child(k);
        if (typeof v === 'object' && v !== null && Object.keys(v).length === 0) c.member = true;
        else fill(c, v);
      }
    };
    fill(root, json);
    return root;
  }
}

const ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** fieldpath.PathElement.Compare: fields, then keys, then values, then indexes; each in order. */
export function comparePathElements(a: string, b: string): number {
  const ta = ORDER[a[0]] ?? 4;
  const tb = ORDER[b[0]] ?? 4;
  if (ta !== tb) return ta - tb;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A path as upstream prints it in conflicts: `.spec.containers[name="app"].image`. */
export function pathString(path: readonly string[]): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      switch (pe[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        case 'i':
          return `[${body}]`;
        default:
          return '{{invalid path element}}';
      }
    })
    .join('');
}

export const fieldElement = (name: string) => `f:${name}`;
export const indexElement = (i: number) => `i:${i}`;
export const valueElement = (v: unknown) => `v:${JSON.stringify(v)}`;
/** `k:{"containerPort":80,"protocol":"TCP"}`: the key fields in name order. */
export const keyElement = (key: Record<string, unknown>) => `k:${JSON.stringify(Object.fromEntries(Object.keys(key).sort().map((k) => [k, key[k]])))}`;
