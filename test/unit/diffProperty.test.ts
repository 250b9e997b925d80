// Property test of the streaming diff: thousands of random (original, target, chunking) cases from
// a seeded PRNG. Set DIFF_SEED to reproduce a run; every failure names its case seed.

import * as assert from 'assert';
import { diffLines } from '../../src/core/diff/myers';
import { StreamDiff, DiffSnapshot } from '../../src/core/diff/streamDiff';
import {
  Rng, alignmentOf, alphabetFile, applyHunks, applySome, baseSeed, changeLines, checkSnapshot, codeFile, codeStatement, deriveTarget, flips,
  jsdiffSize, prefixCosts, sizeOf,
} from './diffTestUtil';

const CASES = 3600;

interface Stats {
  cases: number;
  displayed: number;         // finish(true) kept the last frame exactly (no redraw)
  withLastFrame: number;
  settledChanged: number;    // cases where a line of the settled region changed at finish
  settledLines: number;
  headChanged: number;       // cases where a line of the unsettled head changed at finish (beyond pending → removed)
  headLines: number;
}

function newStats(): Stats {
  return { cases: 0, displayed: 0, withLastFrame: 0, settledChanged: 0, settledLines: 0, headChanged: 0, headLines: 0 };
}

function makeCase(r: Rng): { category: string; original: string[]; target: string[] } {
  const fresh = (k: number): string[] => Array.from({ length: k }, () => codeStatement(r, r.range(1, 3)));
  switch (r.int(8)) {
    case 0: {
      const k = r.range(1, 5);
      const original = alphabetFile(r, r.int(40), k);
      const target = r.chance(0.5) ? alphabetFile(r, r.int(40), k) : deriveTarget(r, original, r.pick([0.1, 0.3, 0.6]), (n) => alphabetFile(r, n, k + 1));
      return { category: 'small alphabet', original, target };
    }
    case 1:
    case 2: {
      const rate = r.pick([0.01, 0.1, 0.3, 0.5]);
      const original = codeFile(r, r.int(300));
      return { category: `code, ${rate * 100}% edited`, original, target: deriveTarget(r, original, rate, fresh, false) };
    }
    case 3: {
      const rate = r.pick([0.1, 0.3]);
      const original = codeFile(r, r.int(300));
      return { category: `code, ${rate * 100}% edited + moves`, original, target: deriveTarget(r, original, rate, fresh, true) };
    }
    case 4:
    case 5: {
      const rate = r.pick([0.01, 0.1, 0.5]);
      const original = codeFile(r, r.int(300));
      return { category: `code, ${rate * 100}% lines changed`, original, target: changeLines(r, original, rate) };
    }
    case 6:
      return { category: 'independent code', original: codeFile(r, r.int(200)), target: codeFile(r, r.int(200)) };
    default: {
      const original = r.chance(0.5) ? [] : codeFile(r, r.int(30));
      return { category: 'empty / tiny', original, target: r.chance(0.5) ? [] : codeFile(r, r.int(30)) };
    }
  }
}

/** Streams `lines` with snapshots at random points, checking every snapshot. */
function stream(r: Rng, original: string[], lines: string[], where: string, acc: { changed: number; checked: number; retracted: number; snaps: number }): { sd: StreamDiff; last?: DiffSnapshot } {
  const sd = new StreamDiff(original);
  const policy = r.int(4); // 0: every line, 1: random gaps, 2: rare, 3: never
  const gap = policy === 0 ? 1 : policy === 1 ? r.range(2, 40) : policy === 2 ? r.range(50, 200) : Infinity;
  let prev: DiffSnapshot | undefined;
  const take = (): void => {
    const s = sd.snapshot();
    checkSnapshot(original, sd.newLines, s, `${where} snapshot at ${sd.newLines.length}`);
    assert.strictEqual(s.done, false);
    if (prev !== undefined) {
      assert.ok(s.settledOld! >= prev.settledOld! && s.settledNew! >= prev.settledNew!, `${where}: settled region shrank`);
      assert.deepStrictEqual(s.hunks.slice(0, prev.settledHunks), prev.hunks.slice(0, prev.settledHunks), `${where}: settled hunks changed`);
      const f = flips(prev, s);
      acc.changed += f.changed; acc.checked += f.checked; acc.retracted += f.retracted;
    }
    acc.snaps++;
    prev = s;
  };
  let next = gap === Infinity ? Infinity : r.range(1, gap);
  for (let j = 0; j < lines.length; j++) {
    sd.push(lines[j]);
    if (j + 1 >= next) { take(); next = j + 1 + (policy === 0 ? 1 : r.range(1, gap)); }
  }
  if (policy !== 3 && r.chance(0.8)) take(); // the renderer's last frame
  return { sd, last: prev };
}

describe('diff engine: streaming property test', () => {
  it(`${CASES} random cases: snapshot invariants, minimal final diff, cut streams`, function () {
    this.timeout(300000);
    const seed = baseSeed(20240601);
    const byCat = new Map<string, Stats>();
    const all = newStats();
    const flick = { changed: 0, checked: 0, retracted: 0, snaps: 0 };
    const choices: Record<string, number> = {};
    const cutChoices: Record<string, number> = {};
    let cutCases = 0;
    const t0 = performance.now();
    for (let c = 0; c < CASES; c++) {
      const caseSeed = seed + c;
      const r = new Rng(caseSeed);
      const { category, original, target } = makeCase(r);
      const where = `[DIFF_SEED=${seed} case ${c}, case seed ${caseSeed}, ${category}, ${original.length}→${target.length} lines]`;

      // Complete stream.
      const { sd, last } = stream(r, original, target, where, flick);
      const fin = sd.finish(true);
      checkSnapshot(original, sd.newLines, fin, `${where} finish(true)`);
      assert.strictEqual(fin.oldAligned, original.length, `${where}: oldAligned at finish`);
      assert.deepStrictEqual(applyHunks(original, target, fin.hunks), target, `${where}: accept-all`);
      assert.deepStrictEqual(applySome(original, target, fin.hunks, () => false), original, `${where}: reject-all`);
      const mine = sizeOf(fin.hunks);
      assert.strictEqual(mine, jsdiffSize(original, target), `${where}: not minimal (jsdiff)`);
      assert.strictEqual(mine, sizeOf(diffLines(original, target)), `${where}: not minimal (diffLines)`);
      assert.notStrictEqual(sd.finishChoice, 'minimal', `${where}: splice fell back`);
      choices[sd.finishChoice!] = (choices[sd.finishChoice!] ?? 0) + 1;

      const st = byCat.get(category) ?? newStats();
      byCat.set(category, st);
      for (const s of [st, all]) s.cases++;
      if (last !== undefined && last.newCount === target.length) {
        // What changed on screen between the last frame and the final diff (pending → removed excluded).
        const p = alignmentOf(last), f = alignmentOf(fin);
        let settled = 0, head = 0;
        for (let j = 0; j < last.newCount; j++) if (p.newSide[j] !== f.newSide[j]) { if (j < last.settledNew!) settled++; else head++; }
        for (let i = 0; i < last.oldAligned; i++) if (p.oldSide[i] !== f.oldSide[i]) { if (i < last.settledOld!) settled++; else head++; }
        for (const s of [st, all]) {
          s.withLastFrame++;
          if (sd.finishChoice === 'displayed') s.displayed++;
          if (settled > 0) { s.settledChanged++; s.settledLines += settled; }
          if (head > 0) { s.headChanged++; s.headLines += head; }
        }
      }

      // Cut (cancelled) stream at a random point.
      const cut = r.int(target.length + 1);
      const received = target.slice(0, cut);
      const c2 = stream(r, original, received, `${where} cut at ${cut}`, flick).sd;
      const part = c2.finish(false);
      checkSnapshot(original, received, part, `${where} finish(false) at ${cut}`);
      assert.deepStrictEqual(applyHunks(original, received, part.hunks), [...received, ...original.slice(part.oldAligned)], `${where}: cut accept-all`);
      const best = original.length * received.length <= 90000 ? Math.min(...prefixCosts(original, received)) : undefined;
      if (best !== undefined) assert.strictEqual(sizeOf(part.hunks), best, `${where}: cut diff not minimal`);
      assert.notStrictEqual(c2.finishChoice, 'minimal', `${where}: cut splice fell back`);
      cutChoices[c2.finishChoice!] = (cutChoices[c2.finishChoice!] ?? 0) + 1;
      cutCases++;
    }
    const ms = performance.now() - t0;

    const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
    const row = (name: string, s: Stats): string =>
      `${name.padEnd(30)} ${String(s.cases).padStart(5)}  no-redraw ${pct(s.displayed, s.withLastFrame).padStart(6)}` +
      `  settled lines changed: ${pct(s.settledChanged, s.withLastFrame).padStart(6)} of cases (${(s.settledLines / Math.max(1, s.withLastFrame)).toFixed(2)} lines/case)` +
      `  head lines changed: ${pct(s.headChanged, s.withLastFrame).padStart(6)} (${(s.headLines / Math.max(1, s.withLastFrame)).toFixed(2)}/case)`;
    console.log(`      seed ${seed} (DIFF_SEED to reproduce); ${CASES} complete + ${cutCases} cut streams, ${flick.snaps} snapshots checked, ${(ms / 1000).toFixed(1)} s`);
    console.log(`      finish(true) minimal in all cases (= jsdiff = diffLines); choices ${JSON.stringify(choices)}; finish(false) choices ${JSON.stringify(cutChoices)}`);
    console.log(`      flicker between consecutive frames: ${pct(flick.changed, flick.checked)} of shown line states changed; removed→pending retractions: ${flick.retracted}`);
    console.log('      no-redraw at finish(true) (last frame taken after the last line):');
    for (const [k, s] of [...byCat.entries()].sort()) console.log(`        ${row(k, s)}`);
    console.log(`        ${row('ALL', all)}`);
  });
});
