// Helpers for the diff engine tests (test/unit/diff*.test.ts): a seeded PRNG, code-like text
// generators, hunk application, brute-force oracles and the snapshot invariants.

import * as assert from 'assert';
import { diffArrays } from 'diff';
import type { Hunk } from '../../src/core/diff/myers';
import type { DiffSnapshot } from '../../src/core/diff/streamDiff';
import { mergedView } from '../../src/core/diff/mergedView';

/** mulberry32: small, fast, seedable (the fuzz tests' generator). */
import { Rng } from './fuzz/rng';
export { Rng };

/** The base seed: DIFF_SEED from the environment, else a fixed default (printed by the tests). */
export function baseSeed(fallback: number): number {
  const env = process.env.DIFF_SEED;
  return env !== undefined && env !== '' ? Number(env) >>> 0 : fallback;
}

const IDS = ['value', 'result', 'count', 'index', 'item', 'node', 'data', 'config', 'options', 'buffer', 'line', 'text', 'key', 'total', 'offset'];
const FNS = ['compute', 'render', 'parse', 'update', 'fetch', 'format', 'check', 'apply', 'merge', 'resolve'];
const TYPES = ['number', 'string', 'boolean', 'Node', 'Config', 'Item[]'];

/** One realistic statement at the given indentation (two spaces per level). */
export function codeStatement(r: Rng, depth: number): string {
  const ind = '  '.repeat(depth);
  const a = r.pick(IDS), b = r.pick(IDS), f = r.pick(FNS);
  switch (r.int(9)) {
    case 0: return `${ind}const ${a}${r.int(40)} = ${f}(${b}, ${r.int(100)});`;
    case 1: return `${ind}${a}.${b} = ${b}.${a} + ${r.int(10)};`;
    case 2: return `${ind}return ${a};`;
    case 3: return `${ind}${f}(${a});`;
    case 4: return `${ind}// ${f} the ${a} before the ${b}`;
    case 5: return `${ind}let ${a}: ${r.pick(TYPES)} = ${b}.length;`;
    case 6: return `${ind}if (!${a}) return;`;
    case 7: return `${ind}${a}++;`;
    default: return `${ind}this.${a} = ${f}(this.${b}, '${a}-${r.int(1000)}');`;
  }
}

/** A block of code: a function (with nested ifs/loops, closing braces, blank line after). */
export function codeBlock(r: Rng, maxLines: number): string[] {
  const out: string[] = [];
  out.push(`export function ${r.pick(FNS)}${r.pick(IDS)[0].toUpperCase()}${r.pick(IDS).slice(1)}${r.int(50)}(${r.pick(IDS)}: ${r.pick(TYPES)}): ${r.pick(TYPES)} {`);
  const body = r.range(1, Math.max(1, Math.min(12, maxLines - 3)));
  let depth = 1;
  for (let i = 0; i < body; i++) {
    if (depth < 3 && r.chance(0.15)) {
      out.push(`${'  '.repeat(depth)}${r.pick(['if', 'while', 'for'])} (${r.pick(IDS)} ${r.pick(['<', '>', '===', '!=='])} ${r.pick(IDS)}) {`);
      depth++;
    } else if (depth > 1 && r.chance(0.3)) {
      depth--;
      out.push(`${'  '.repeat(depth)}}`);
    } else {
      out.push(codeStatement(r, depth));
    }
  }
  while (depth > 1) { depth--; out.push(`${'  '.repeat(depth)}}`); }
  out.push('}');
  out.push('');
  return out;
}

/** n lines of code-like text. */
export function codeFile(r: Rng, n: number): string[] {
  const out: string[] = [];
  while (out.length < n) out.push(...codeBlock(r, n - out.length));
  out.length = n;
  return out;
}

/** n lines over a tiny alphabet (lots of repeats: the hard case for line matching). */
export function alphabetFile(r: Rng, n: number, k: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(String.fromCharCode(97 + r.int(k)));
  return out;
}

/**
 * Derives a target from `orig` by random edits: roughly `rate` of the lines are touched by a
 * replacement, insertion, deletion or move (moved blocks reappear a little later or at the end).
 * `fresh` makes new lines.
 */
export function deriveTarget(r: Rng, orig: readonly string[], rate: number, fresh: (n: number) => string[], moves = true): string[] {
  const out: string[] = [];
  const moved: string[][] = [];
  for (let i = 0; i < orig.length; i++) {
    if (moved.length > 0 && r.chance(0.05)) out.push(...moved.shift()!);
    if (!r.chance(rate)) { out.push(orig[i]); continue; }
    const op = r.int(moves ? 10 : 9);
    if (op < 5) {
      // Replace this line (and maybe a few more).
      const k = r.chance(0.7) ? 1 : r.range(2, 4);
      out.push(...fresh(k));
      i += k - 1;
    } else if (op < 7) {
      out.push(orig[i]);
      out.push(...fresh(r.range(1, 6)));
    } else if (op < 9) {
      i += r.range(0, 3); // delete 1..4 lines
    } else {
      const k = r.range(1, 6);
      moved.push(orig.slice(i, i + k));
      i += k - 1;
    }
  }
  for (const m of moved) out.push(...m);
  return out;
}

/** "rate" of the lines changed: mostly replaced by a new statement at the same depth, some deleted, some with a line inserted after. */
export function changeLines(r: Rng, orig: readonly string[], rate: number): string[] {
  const out: string[] = [];
  for (const l of orig) {
    if (!r.chance(rate)) { out.push(l); continue; }
    const depth = Math.max(1, Math.floor((l.length - l.trimStart().length) / 2));
    const op = r.int(20);
    if (op < 14) out.push(codeStatement(r, depth));
    else if (op < 17) continue;
    else { out.push(l); out.push(codeStatement(r, depth)); }
  }
  return out;
}

/** Accept-all: the original with every hunk applied. */
export function applyHunks(original: readonly string[], newLines: readonly string[], hunks: readonly Hunk[], upTo = original.length): string[] {
  const out: string[] = [];
  let i = 0;
  for (const h of hunks) {
    while (i < h.oldStart) out.push(original[i++]);
    for (let j = h.newStart; j < h.newEnd; j++) out.push(newLines[j]);
    i = h.oldEnd;
  }
  while (i < upTo) out.push(original[i++]);
  return out;
}

/** Applies only the hunks whose index is in `accepted`. */
export function applySome(original: readonly string[], newLines: readonly string[], hunks: readonly Hunk[], accepted: (k: number) => boolean): string[] {
  const out: string[] = [];
  let i = 0;
  hunks.forEach((h, k) => {
    while (i < h.oldStart) out.push(original[i++]);
    if (accepted(k)) { for (let j = h.newStart; j < h.newEnd; j++) out.push(newLines[j]); i = h.oldEnd; }
    else { while (i < h.oldEnd) out.push(original[i++]); }
  });
  while (i < original.length) out.push(original[i++]);
  return out;
}

export function sizeOf(hunks: readonly Hunk[]): number {
  let s = 0;
  for (const h of hunks) s += h.oldEnd - h.oldStart + h.newEnd - h.newStart;
  return s;
}

/** Size of jsdiff's Myers diff (the independent oracle). */
export function jsdiffSize(a: readonly string[], b: readonly string[]): number {
  let s = 0;
  for (const c of diffArrays(a.slice(), b.slice())) if (c.added || c.removed) s += c.count;
  return s;
}

/** Brute-force DP: for each end e, the minimal diff size of a[0..e) vs b. */
export function prefixCosts(a: readonly string[], b: readonly string[]): number[] {
  const n = a.length, m = b.length;
  let prev = new Array<number>(m + 1), cur = new Array<number>(m + 1);
  const last: number[] = [];
  for (let j = 0; j <= m; j++) prev[j] = j;
  last.push(prev[m]);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] : 1 + Math.min(prev[j], cur[j - 1]);
    }
    last.push(cur[m]);
    [prev, cur] = [cur, prev];
  }
  return last;
}

/** Structural checks every hunk list must pass. */
export function checkHunks(hunks: readonly Hunk[], oldLen: number, newLen: number, original: readonly string[], newLines: readonly string[], where: string): void {
  let po = 0, pn = 0;
  hunks.forEach((h, k) => {
    assert.ok(h.oldStart <= h.oldEnd && h.newStart <= h.newEnd, `${where}: hunk ${k} inverted`);
    assert.ok(h.oldEnd - h.oldStart + h.newEnd - h.newStart > 0, `${where}: hunk ${k} empty`);
    assert.ok(h.oldStart >= po && h.newStart >= pn, `${where}: hunk ${k} out of order`);
    if (k > 0) assert.ok(h.oldStart > po, `${where}: hunk ${k} adjacent to the previous one`);
    assert.strictEqual(h.oldStart - po, h.newStart - pn, `${where}: unequal gap before hunk ${k}`);
    for (let t = 0; t < h.oldStart - po; t++) assert.strictEqual(original[po + t], newLines[pn + t], `${where}: gap line not equal`);
    po = h.oldEnd; pn = h.newEnd;
  });
  assert.ok(po <= oldLen && pn <= newLen, `${where}: hunks out of range`);
  assert.strictEqual(oldLen - po, newLen - pn, `${where}: unequal tail gap`);
  for (let t = 0; t < oldLen - po; t++) assert.strictEqual(original[po + t], newLines[pn + t], `${where}: tail line not equal`);
}

/** Invariants of one snapshot and its merged view. */
export function checkSnapshot(original: readonly string[], newLines: readonly string[], snap: DiffSnapshot, where: string): void {
  assert.ok(snap.oldAligned >= 0 && snap.oldAligned <= original.length, `${where}: oldAligned out of range`);
  assert.strictEqual(snap.newCount, newLines.length, `${where}: newCount`);
  checkHunks(snap.hunks, snap.oldAligned, snap.newCount, original, newLines, where);
  const view = mergedView(original, newLines, snap);
  const oldSide: string[] = [], newSide: string[] = [];
  let seenPending = false;
  for (const v of view) {
    if (v.kind === 'pending') { seenPending = true; assert.ok(!snap.done, `${where}: pending after done`); }
    else assert.ok(!seenPending, `${where}: ${v.kind} line after a pending one`);
    if (v.kind !== 'added') { oldSide.push(v.text); assert.strictEqual(original[v.oldIndex], v.text, `${where}: oldIndex`); }
    if ((v.kind === 'same' || v.kind === 'added') && v.newIndex >= 0) { newSide.push(v.text); assert.strictEqual(newLines[v.newIndex], v.text, `${where}: newIndex`); }
    if (v.kind === 'removed') assert.ok(v.oldIndex < snap.oldAligned, `${where}: removed line past oldAligned`);
  }
  assert.deepStrictEqual(oldSide, original, `${where}: same+removed+pending != original`);
  assert.deepStrictEqual(newSide, newLines, `${where}: same+added != received lines`);
  if (snap.settledHunks !== undefined) assert.ok(snap.settledHunks <= snap.hunks.length, `${where}: settledHunks`);
}

/** Per new line: the old index it is matched to, or -1 (added). Per old line < oldAligned: matched new index or -1 (removed). */
export function alignmentOf(snap: DiffSnapshot): { newSide: Int32Array; oldSide: Int32Array } {
  const newSide = new Int32Array(snap.newCount).fill(-1), oldSide = new Int32Array(snap.oldAligned).fill(-1);
  let i = 0, j = 0;
  const eq = (ui: number, uj: number): void => { for (; i < ui; i++, j++) { newSide[j] = i; oldSide[i] = j; } void uj; };
  for (const h of snap.hunks) { eq(h.oldStart, h.newStart); i = h.oldEnd; j = h.newEnd; }
  eq(snap.oldAligned, snap.newCount);
  return { newSide, oldSide };
}

/**
 * Lines whose shown state changed from one frame to the next: new lines (< prev.newCount) whose
 * match changed, and old lines (< prev.oldAligned, i.e. not pending before) whose state changed.
 * `retracted` counts old lines shown removed before and pending now (the worst kind of flicker).
 */
export function flips(prev: DiffSnapshot, cur: DiffSnapshot): { changed: number; checked: number; retracted: number } {
  const p = alignmentOf(prev), c = alignmentOf(cur);
  let changed = 0, retracted = 0;
  for (let j = 0; j < prev.newCount; j++) if (p.newSide[j] !== c.newSide[j]) changed++;
  for (let i = 0; i < prev.oldAligned; i++) {
    if (i >= cur.oldAligned) { changed++; if (p.oldSide[i] < 0) retracted++; continue; }
    if (p.oldSide[i] !== c.oldSide[i]) changed++;
  }
  return { changed, checked: prev.newCount + prev.oldAligned, retracted };
}
