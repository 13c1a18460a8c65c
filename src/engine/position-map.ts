// A persistent map from step positions (small non-negative integers) to values: a 32-way trie
// whose unchanged branches are shared between versions. The analysis keeps, for every step, what
// must have been chosen to reach it; with this map a step's needs extend those of the question it
// depends on without copying them, and two versions that share most branches merge by visiting
// only the branches where they differ.

import type { Work } from "./budget.ts";

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/** Inner nodes hold `kids`, nodes at level 0 hold `values` (one shape for both keeps lookups fast). */
interface Node<V> {
  readonly kids: readonly (Node<V> | undefined)[] | null;
  readonly values: readonly (V | undefined)[] | null;
}

export interface PositionMap<V> {
  /** Level of the root (0: the root holds the values). */
  readonly height: number;
  readonly root: Node<V> | undefined;
}

/** An empty map for keys in [0, capacity). */
export function emptyPositionMap<V>(capacity: number): PositionMap<V> {
  let height = 0;
  while (WIDTH ** (height + 1) < capacity) height++;
  return { height, root: undefined };
}

export function getPosition<V>(map: PositionMap<V>, key: number): V | undefined {
  let node = map.root;
  for (let level = map.height; node; level--) {
    const slot = (key >>> (level * BITS)) & MASK;
    if (level === 0) return node.values![slot];
    node = node.kids![slot];
  }
  return undefined;
}

/** What to keep when both maps hold a key; undefined when the two values cannot be combined. */
export type Combine<V> = (first: V, second: V) => V | undefined;

export type MergeResult<V> = { map: PositionMap<V> } | { conflict: { key: number; first: V; second: V } };

/** `key` → `value`, combined with the value already there (which comes first). Copies one path. */
export function putPosition<V>(map: PositionMap<V>, key: number, value: V, combine: Combine<V>, work: Work): MergeResult<V> {
  work.units++;
  const path: (Node<V> | undefined)[] = [];
  let node = map.root;
  for (let level = map.height; level > 0; level--) {
    path.push(node);
    node = node?.kids![(key >>> (level * BITS)) & MASK];
  }
  const slot = key & MASK;
  const existing = node?.values![slot];
  const combined = existing === undefined ? value : existing === value ? existing : combine(existing, value);
  if (combined === undefined) return { conflict: { key, first: existing!, second: value } };
  if (combined === existing) return { map };
  const values = node ? node.values!.slice() : emptySlots<V>();
  values[slot] = combined;
  let built: Node<V> = { kids: null, values };
  for (let level = 1; level <= map.height; level++) {
    const parent = path[map.height - level];
    const kids = parent ? parent.kids!.slice() : emptySlots<Node<V>>();
    kids[(key >>> (level * BITS)) & MASK] = built;
    built = { kids, values: null };
  }
  return { map: { height: map.height, root: built } };
}

/**
 * Every key of both maps; where both hold a key, `combine(first's, second's)`. Stops at the
 * first key (in ascending order) whose values cannot be combined.
 */
export function mergePositionMaps<V>(first: PositionMap<V>, second: PositionMap<V>, combine: Combine<V>, work: Work): MergeResult<V> {
  if (first.height !== second.height) throw new Error("position maps of different heights");
  const merging: Merging<V> = { combine, work, conflict: undefined };
  const root = first.root && second.root && first.root !== second.root ? mergeNodes(merging, first.root, second.root, first.height, 0) : (first.root ?? second.root);
  if (merging.conflict) return { conflict: merging.conflict };
  return { map: root === first.root ? first : { height: first.height, root } };
}

interface Merging<V> {
  combine: Combine<V>;
  work: Work;
  conflict: { key: number; first: V; second: V } | undefined;
}

/** Two distinct nodes of one level. Recursion depth is the trie's height (at most 7), not the script's size. */
function mergeNodes<V>(merging: Merging<V>, a: Node<V>, b: Node<V>, level: number, prefix: number): Node<V> {
  merging.work.units++;
  if (level === 0) {
    const mine = a.values!;
    const theirs = b.values!;
    let values: (V | undefined)[] | null = null;
    for (let slot = 0; slot < WIDTH; slot++) {
      const x = mine[slot];
      const y = theirs[slot];
      if (y === undefined || x === y) continue;
      const combined = x === undefined ? y : merging.combine(x, y);
      if (combined === undefined) {
        merging.conflict = { key: prefix | slot, first: x!, second: y };
        return a;
      }
      if (combined !== x) (values ??= mine.slice())[slot] = combined;
    }
    return values ? { kids: null, values } : a;
  }
  const mine = a.kids!;
  const theirs = b.kids!;
  let kids: (Node<V> | undefined)[] | null = null;
  for (let slot = 0; slot < WIDTH; slot++) {
    const x = mine[slot];
    const y = theirs[slot];
    if (y === undefined || x === y) continue;
    const merged = x === undefined ? y : mergeNodes(merging, x, y, level - 1, prefix | (slot << (level * BITS)));
    if (merging.conflict) return a;
    if (merged !== x) (kids ??= mine.slice())[slot] = merged;
  }
  return kids ? { kids, values: null } : a;
}

function emptySlots<T>(): (T | undefined)[] {
  const array: (T | undefined)[] = [];
  for (let i = 0; i < WIDTH; i++) array.push(undefined);
  return array;
}
