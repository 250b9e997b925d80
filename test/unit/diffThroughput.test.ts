// Throughput of the streaming diff, printed (no timing assertions): a synthetic stream of realistic
// code lines (≈ 4 characters per token) rewriting 50, 500 and 5,000-line selections with 1%, 10%
// and 50% of the lines changed. Every line is pushed, snapshot() is called every 30 lines (a
// renderer at 1,000+ lines/s), then finish(true). Target: ≥ 200,000 tokens/s sustained.

import * as assert from 'assert';
import { StreamDiff } from '../../src/core/diff/streamDiff';
import { Rng, changeLines, codeFile, jsdiffSize, sizeOf } from './diffTestUtil';

const SNAPSHOT_EVERY = 30;

interface Run { tokens: number; streamMs: number; snapMs: number; snaps: number; finishMs: number; maxSnapMs: number; choice: string }

function run(original: string[], target: string[], snapEvery = SNAPSHOT_EVERY): Run {
  let chars = 0;
  for (const l of target) chars += l.length + 1;
  const t0 = performance.now();
  const sd = new StreamDiff(original);
  let snapMs = 0, snaps = 0, maxSnapMs = 0;
  for (let j = 0; j < target.length; j++) {
    sd.push(target[j]);
    if ((j + 1) % snapEvery === 0) {
      const a = performance.now();
      sd.snapshot();
      const d = performance.now() - a;
      snapMs += d; snaps++;
      if (d > maxSnapMs) maxSnapMs = d;
    }
  }
  const t1 = performance.now();
  const fin = sd.finish(true);
  const t2 = performance.now();
  assert.deepStrictEqual(fin.newCount, target.length);
  return { tokens: chars / 4, streamMs: t1 - t0, snapMs, snaps, finishMs: t2 - t1, maxSnapMs, choice: sd.finishChoice! };
}

describe('diff engine: throughput (figures printed, not asserted)', () => {
  it('streams 50 / 500 / 5,000-line rewrites with 1% / 10% / 50% of lines changed', function () {
    this.timeout(300000);
    const rows: string[] = [];
    const fmt = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`);
    rows.push('lines  changed   tokens   tok/s (all)  tok/s (stream)  snapshot µs (mean/max)  snapshot ns/token  finish ms  finish choice');
    const perToken: Record<number, number[]> = {};
    for (const size of [50, 500, 5000]) {
      for (const rate of [0.01, 0.1, 0.5]) {
        const r = new Rng(size * 1000 + rate * 100);
        const original = codeFile(r, size);
        const target = changeLines(r, original, rate);
        run(original, target); // warm-up
        const reps = Math.max(3, Math.round(40000 / size));
        let tokens = 0, stream = 0, snap = 0, snaps = 0, fin = 0, maxSnap = 0;
        const choices = new Map<string, number>();
        for (let k = 0; k < reps; k++) {
          const x = run(original, target);
          tokens += x.tokens; stream += x.streamMs; snap += x.snapMs; snaps += x.snaps; fin += x.finishMs;
          maxSnap = Math.max(maxSnap, x.maxSnapMs);
          choices.set(x.choice, (choices.get(x.choice) ?? 0) + 1);
        }
        (perToken[size] ??= []).push((snap * 1e6) / tokens);
        rows.push(
          `${String(size).padStart(5)}  ${`${rate * 100}%`.padStart(7)}  ${String(Math.round(tokens / reps)).padStart(7)}  ` +
          `${fmt(tokens / ((stream + fin) / 1000)).padStart(11)}  ${fmt(tokens / (stream / 1000)).padStart(14)}  ` +
          `${`${((snap / Math.max(1, snaps)) * 1000).toFixed(1)} / ${(maxSnap * 1000).toFixed(0)}`.padStart(22)}  ` +
          `${((snap * 1e6) / tokens).toFixed(1).padStart(17)}  ${(fin / reps).toFixed(3).padStart(9)}  ${[...choices.keys()].join(',')}`,
        );
      }
    }
    // Extremes: an all-new 5,000-line answer (nothing matches: the tail bound is what keeps frames
    // cheap), and a renderer that never asked for a frame until the end (backlog).
    const r = new Rng(42);
    const original = codeFile(r, 5000);
    const fresh = codeFile(r, 5000);
    run(original.slice(0, 500), fresh.slice(0, 500));
    const indep = run(original, fresh);
    rows.push(
      ` 5000  all new  ${String(Math.round(indep.tokens)).padStart(7)}  ${fmt(indep.tokens / ((indep.streamMs + indep.finishMs) / 1000)).padStart(11)}  ` +
      `${fmt(indep.tokens / (indep.streamMs / 1000)).padStart(14)}  ${`${((indep.snapMs / indep.snaps) * 1000).toFixed(1)} / ${(indep.maxSnapMs * 1000).toFixed(0)}`.padStart(22)}  ` +
      `${((indep.snapMs * 1e6) / indep.tokens).toFixed(1).padStart(17)}  ${indep.finishMs.toFixed(3).padStart(9)}  ${indep.choice}`,
    );
    const target = changeLines(r, original, 0.1);
    const backlog = run(original, target, target.length);
    rows.push(` 5000  10%, one snapshot at the end: ${(backlog.snapMs).toFixed(1)} ms for that snapshot, finish ${backlog.finishMs.toFixed(2)} ms (${backlog.choice})`);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    rows.push(`snapshot cost per token (summed over the change rates): 5,000 vs 50 lines ×${(sum(perToken[5000]) / sum(perToken[50])).toFixed(1)}, ` +
      `5,000 vs 500 lines ×${(sum(perToken[5000]) / sum(perToken[500])).toFixed(2)} (a 50-line answer ends before the unsettled tail reaches its steady size)`);
    console.log(rows.map((x) => `      ${x}`).join('\n'));
    const f = new StreamDiff(original);
    for (const l of target) f.push(l);
    assert.strictEqual(sizeOf(f.finish(true).hunks), jsdiffSize(original, target));
  });
});
