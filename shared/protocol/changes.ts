/**
 * The wire's one rule for keeping a copy of a JSON value up to date: the changes that turn one
 * value into the next. A path names a place from the root (object keys and array indices).
 *
 *   {op: "set",  path, value}   put `value` at `path` (a new key, or a replaced value)
 *   {op: "push", path, values}  append `values` to the array at `path`
 *   {op: "del",  path}          remove the key at `path`
 *
 * `diffJson(a, b)` gives changes that `applyChanges(a, changes)` turns into a value deep-equal
 * to `b` (tests/shared/protocol/changes.test.ts checks it on every state of random matches).
 * Arrays that only grew (proposals, chat, events) travel as `push`; equal-length arrays are
 * compared element by element; anything else is replaced whole.
 */

export type Path = (string | number)[];
export type Change = { op: "set"; path: Path; value: unknown } | { op: "push"; path: Path; values: unknown[] } | { op: "del"; path: Path };

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => key in b && jsonEqual(a[key], b[key]));
  }
  return false;
}

export function diffJson(before: unknown, after: unknown, path: Path = [], out: Change[] = []): Change[] {
  diffInto(before, after, [...path], out);
  return out;
}

/** True when `after` starts with every item of `before` (a list that only grew). */
function extends_(before: unknown[], after: unknown[]): boolean {
  for (let i = 0; i < before.length; i++) if (!jsonEqual(before[i], after[i])) return false;
  return true;
}

/**
 * `path` is one stack, pushed and popped on the way down: a change takes a copy of it, the rest of
 * the walk allocates nothing. Views share every unchanged part with the view before (same object),
 * so the walk stops at the first `===` on most branches.
 */
function diffInto(before: unknown, after: unknown, path: Path, out: Change[]): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    if (after.length === before.length) {
      for (let i = 0; i < after.length; i++) {
        if (before[i] === after[i]) continue;
        path.push(i);
        diffInto(before[i], after[i], path, out);
        path.pop();
      }
    } else if (after.length > before.length && extends_(before, after)) {
      out.push({ op: "push", path: [...path], values: after.slice(before.length) });
    } else {
      out.push({ op: "set", path: [...path], value: after });
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    let added = 0;
    let afterKeys = 0;
    for (const key in after) {
      afterKeys++;
      const next = after[key];
      const previous = before[key];
      if (previous === next && (previous !== undefined || Object.hasOwn(before, key))) continue;
      path.push(key);
      if (!Object.hasOwn(before, key)) {
        added++;
        out.push({ op: "set", path: [...path], value: next });
      } else diffInto(previous, next, path, out);
      path.pop();
    }
    // Keys that went: only when `before` has more keys than the ones `after` kept.
    let beforeKeys = 0;
    for (const _key in before) beforeKeys++;
    if (beforeKeys > afterKeys - added) for (const key in before) if (!Object.hasOwn(after, key)) out.push({ op: "del", path: [...path, key] });
    return;
  }
  if (!jsonEqual(before, after)) out.push({ op: "set", path: [...path], value: after });
}

/**
 * A copy of `value` with the changes applied; `value` itself is left as it was (copy on write along
 * each path). A node is copied once per call however many changes pass through it: later changes
 * of the same step write into the copy.
 */
export function applyChanges<T>(value: T, changes: readonly Change[]): T {
  const copies = new Set<object>();
  let root: unknown = value;
  for (const change of changes) root = applyOne(root, change, 0, copies);
  return root as T;
}

function applyOne(node: unknown, change: Change, depth: number, copies: Set<object>): unknown {
  const { path } = change;
  if (depth === path.length) {
    if (change.op === "set") return change.value;
    if (change.op === "push") {
      if (Array.isArray(node) && copies.has(node)) {
        node.push(...change.values);
        return node;
      }
      const grown = [...(Array.isArray(node) ? node : []), ...change.values];
      copies.add(grown);
      return grown;
    }
    return undefined;
  }
  const key = path[depth]!;
  if (Array.isArray(node)) {
    const copy = copies.has(node) ? node : [...node];
    copies.add(copy);
    copy[key as number] = applyOne(copy[key as number], change, depth + 1, copies);
    return copy;
  }
  const copy: JsonObject = isObject(node) ? (copies.has(node) ? node : { ...node }) : {};
  copies.add(copy);
  if (change.op === "del" && depth === path.length - 1) delete copy[key];
  else copy[key] = applyOne(copy[key], change, depth + 1, copies);
  return copy;
}
