// Core benchmarks in plain Node (no VS Code): the streaming diff's throughput and per-update
// cost, context + prompt building on a 10,000-line file, pseudocode detection on 5,000 lines.
// Prints one JSON object on the last line for scripts/bench.js.
import { diffArrays } from 'diff';
import { StreamDiff } from '../src/core/diff/streamDiff';
import { mergedView } from '../src/core/diff/mergedView';
import { regionFromSelection } from '../src/core/context/editRegion';
import { buildFileContext } from '../src/core/context/fileContext';
import { buildMessages } from '../src/core/context/prompt';
import { detectPseudocode } from '../src/core/pseudocode/detect';
import { codeFile, rewrite, median, Rng } from './fixtures';

export interface Figure { name: string; value: number; unit: string; target?: string; met?: boolean; ratio?: string; note?: string }

/** Tokens of a text at ≈4 characters per token, as the synthetic streams are built. */
const tokensOf = (lines: readonly string[]) => Math.round(lines.reduce((n, l) => n + l.length + 1, 0) / 4);

/** Streams `target` line by line into a StreamDiff, a snapshot + merged view every `every` lines (a frame). */
function streamOnce(original: string[], target: string[], every: number): { ms: number; snapshots: number; snapshotMs: number[] } {
  const t0 = performance.now();
  const d = new StreamDiff(original);
  const snapshotMs: number[] = [];
  for (let i = 0; i < target.length; i++) {
    d.push(target[i]);
    if ((i + 1) % every === 0) {
      const s0 = performance.now();
      mergedView(original, d.newLines, d.snapshot());
      snapshotMs.push(performance.now() - s0);
    }
  }
  mergedView(original, d.newLines, d.finish(true));
  return { ms: performance.now() - t0, snapshots: snapshotMs.length, snapshotMs };
}

/** The naive alternative: a full diff of everything so far at every frame. */
function naiveOnce(original: string[], target: string[], every: number): number {
  const t0 = performance.now();
  for (let i = every; i <= target.length; i += every) diffArrays(original, target.slice(0, i));
  diffArrays(original, target);
  return performance.now() - t0;
}

function diffBench(): Figure[] {
  const out: Figure[] = [];
  const perUpdate: Record<number, number> = {};
  let worst = Infinity;
  for (const lines of [50, 500, 5000]) {
    for (const changed of [0.01, 0.1, 0.5]) {
      const rng = new Rng(lines * 1000 + changed * 100);
      const original = codeFile(lines, rng);
      const target = rewrite(original, changed, rng);
      const tokens = tokensOf(target);
      const runs = Array.from({ length: lines === 5000 ? 3 : 15 }, () => streamOnce(original, target, 30));
      const ms = median(runs.map(r => r.ms));
      const tps = tokens / (ms / 1000);
      worst = Math.min(worst, tps);
      const naiveMs = lines <= 500 ? median(Array.from({ length: 3 }, () => naiveOnce(original, target, 30))) : naiveOnce(original, target, 30);
      const snapUs = median(runs.flatMap(r => r.snapshotMs)) * 1000;
      if (changed === 0.1) perUpdate[lines] = snapUs / Math.max(1, 30 * tokens / target.length);
      out.push({
        name: `diff throughput, ${lines} lines, ${changed * 100}% changed`, value: Math.round(tps), unit: 'tok/s',
        target: '≥ 200,000 tok/s', met: tps >= 200_000, ratio: `${(naiveMs / ms).toFixed(1)}× faster than a full diff per frame`,
        note: `${tokens} tokens, ${ms.toFixed(2)} ms; one update ${snapUs.toFixed(1)} µs`,
      });
    }
  }
  const growth = perUpdate[5000] / perUpdate[50];
  out.push({
    name: 'diff: cost of one update per token, 5,000 vs 50 lines (10% changed)', value: Number(growth.toFixed(1)), unit: '×',
    target: '< 100× (grows with the change, not the file)', met: growth < 100,
    note: `${perUpdate[50].toFixed(3)} vs ${perUpdate[5000].toFixed(3)} µs per token`,
  });
  return out;
}

function contextBench(): Figure {
  const rng = new Rng(7);
  const lines = codeFile(10_000, rng);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const start = 4000 + i;
    const region = regionFromSelection(lines, { startLine: start, startChar: 0, endLine: start + 20, endChar: 0 });
    const file = buildFileContext(lines, region.startLine, region.endLine, 6000);
    buildMessages({
      relativePath: 'src/big.ts', languageId: 'typescript', indentDescription: '2 spaces', file, lines,
      regionStart: region.startLine, regionEnd: region.endLine, instruction: 'rename x to y', diagnostics: [],
    });
    times.push(performance.now() - t0);
  }
  const ms = median(times.slice(5));
  return { name: 'context + prompt building, 10,000-line file', value: Number(ms.toFixed(3)), unit: 'ms', target: '≤ 5 ms', met: ms <= 5 };
}

function pseudocodeBench(): Figure {
  const rng = new Rng(11);
  const lines = codeFile(5000, rng, { pseudocodeEvery: 400 });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    lines[2500] = `  const edited${i} = ${i};`; // a keystroke: a changed document, detected again in full
    const t0 = performance.now();
    detectPseudocode(lines, 'typescript');
    times.push(performance.now() - t0);
  }
  const ms = median(times.slice(10));
  return { name: 'pseudocode detection per document change, 5,000 lines', value: Number(ms.toFixed(3)), unit: 'ms', target: '≤ 5 ms', met: ms <= 5 };
}

const figures = [...diffBench(), contextBench(), pseudocodeBench()];
for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.note ? ` (${f.note})` : ''}`);
console.log(JSON.stringify({ figures }));
