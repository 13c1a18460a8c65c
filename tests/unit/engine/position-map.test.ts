import { emptyPositionMap, getPosition, mergePositionMaps, putPosition, type Combine, type MergeResult, type PositionMap } from "../../../src/engine/position-map.ts";

/** Sets of allowed values; combining keeps what both allow, and fails when nothing is left. */
const intersect: Combine<number[]> = (first, second) => {
  const both = first.filter((v) => second.includes(v));
  return both.length ? both : undefined;
};
const mapOf = <V>(result: MergeResult<V>): PositionMap<V> => {
  if ("conflict" in result) throw new Error(`conflict at ${result.conflict.key}`);
  return result.map;
};
const work = () => ({ units: 0 });

QUnit.module("engine: persistent position map", () => {
  QUnit.test("put and get across the levels of the trie; older versions stay as they were", (assert) => {
    const keys = [0, 31, 32, 1_023, 1_024, 4_999];
    const versions: PositionMap<number[]>[] = [emptyPositionMap<number[]>(5_000)];
    for (const key of keys) versions.push(mapOf(putPosition(versions[versions.length - 1]!, key, [key], intersect, work())));
    const last = versions[versions.length - 1]!;
    for (const key of keys) assert.deepEqual(getPosition(last, key), [key], `key ${key}`);
    assert.strictEqual(getPosition(last, 1), undefined);
    assert.strictEqual(getPosition(last, 4_998), undefined);
    versions.forEach((version, i) => assert.deepEqual(keys.map((key) => getPosition(version, key) !== undefined), keys.map((_, k) => k < i), `version ${i}`));
  });

  QUnit.test("a value put where one is combines with it, the old one first; nothing left is a conflict", (assert) => {
    const base = mapOf(putPosition(emptyPositionMap<number[]>(100), 7, [1, 2], intersect, work()));
    assert.deepEqual(getPosition(mapOf(putPosition(base, 7, [2, 3], intersect, work())), 7), [2]);
    assert.strictEqual(mapOf(putPosition(base, 7, getPosition(base, 7)!, () => undefined, work())), base, "the same value changes nothing");
    assert.deepEqual(putPosition(base, 7, [3], intersect, work()), { conflict: { key: 7, first: [1, 2], second: [3] } });
  });

  QUnit.test("merge: every key of both, shared branches not visited, the first conflict by key", (assert) => {
    let shared = emptyPositionMap<number[]>(5_000);
    for (let key = 0; key < 2_000; key++) shared = mapOf(putPosition(shared, key, [key], intersect, work()));
    const left = mapOf(putPosition(shared, 4_000, [1], intersect, work()));
    const right = mapOf(putPosition(shared, 4_001, [2], intersect, work()));
    const counter = work();
    const merged = mapOf(mergePositionMaps(left, right, intersect, counter));
    assert.deepEqual([0, 1_999, 4_000, 4_001].map((key) => getPosition(merged, key)), [[0], [1_999], [1], [2]]);
    assert.true(counter.units <= 3, `${counter.units} nodes merged, not the 2,000 shared keys`);
    assert.strictEqual(mapOf(mergePositionMaps(left, left, intersect, work())), left);
    const clash = mapOf(putPosition(mapOf(putPosition(shared, 3_000, [9], intersect, work())), 10, [99], () => [99], work()));
    const other = mapOf(putPosition(mapOf(putPosition(shared, 3_000, [8], intersect, work())), 10, [98], () => [98], work()));
    assert.deepEqual(mergePositionMaps(clash, other, intersect, work()), { conflict: { key: 10, first: [99], second: [98] } });
  });
});
