// Randomised end-to-end test of the core pipeline, as the VS Code layer drives it:
//   network reads (random byte cuts) → parseSseBatches → chunkEvents → answerText → cleanAnswer
//   → StreamDiff (push per line; snapshot() + mergedView at random frames) → ReviewModel.setView
//   → finish(true | false) → freeze → per-hunk accept / reject, acceptAll / rejectAll
// with the document simulated the way DocumentController keeps it (test/unit/fuzz/simController.ts:
// one minimalSplice → spliceToTextEdit edit per frame, applied to the joined text), while the
// "user" edits the document outside the session between frames.
//
// Seeds: FAST_INLINE_FUZZ_SEED overrides the run's base seed (printed first); each iteration has
// its own seed, printed with any failure; FAST_INLINE_FUZZ_ITER_SEED replays that one iteration
// (FAST_INLINE_FUZZ_ITERS overrides the iteration count).
//
// Invariants, per iteration: the SSE layer delivers exactly the answer text that arrived whole
// (non-BMP characters included, whatever the byte cuts) and skips exactly the malformed lines;
// the cleaned lines do not depend on how the text was chunked (and, where the answer is plain
// code in a wrapper, equal the cleaning of the bare code); every merged view partitions into the
// original and the received lines; after every frame and every user edit the document is, byte
// for byte, the user's edits applied to the outside part around exactly what the session shows
// (nothing lost, nothing duplicated, start line following); the final diff is well formed and
// minimal (size = diffLines / diffPrefix); the review model's hunks are the final diff's hunks;
// the resolved region is exactly the expected mix of old and new lines (computed from the hunks
// before resolving); rejectAll → the original region byte for byte; acceptAll → the cleaned
// answer; no line holds '\r' or '\n'; no surrogate is orphaned and no U+FFFD appears.

import * as assert from 'assert';
import { parseSseBatches } from '../../src/core/model/sse';
import { chunkEvents } from '../../src/core/model/chunkEvents';
import { ModelError } from '../../src/core/model/modelError';
import { answerText } from '../../src/core/stream/answerText';
import { cleanAnswer, CleanOptions } from '../../src/core/stream/cleanAnswer';
import { collect, fromChunks } from '../../src/core/stream/iter';
import type { StreamEvent } from '../../src/core/stream/events';
import type { DiffSnapshot } from '../../src/core/diff/streamDiff';
import type { ViewLine } from '../../src/core/diff/mergedView';
import { diffLines, diffPrefix, diffSize, Hunk } from '../../src/core/diff/myers';
import { regionFromSelection } from '../../src/core/context/editRegion';
import { envSeed, hex, iterationSeed, Rng } from './fuzz/rng';
import { SimDocument, Pos } from './fuzz/simDocument';
import { SimController, SimSession } from './fuzz/simController';
import { genAnswer, genDocument, genSelection, statement } from './fuzz/gen';
import { buildWire, receivedAt, splitReads } from './fuzz/wire';
import { gatedEvents, PLAIN_CLEAN, realController, settle } from './fuzz/vscodeStub';

const DEFAULT_SEED = 0x5eed2026;
const ITERATIONS = Number(process.env.FAST_INLINE_FUZZ_ITERS ?? 2000);
const BOUNDARY_ITERATIONS = Number(process.env.FAST_INLINE_FUZZ_ITERS ?? 300);
const BASE_SEED = envSeed('FAST_INLINE_FUZZ_SEED') ?? DEFAULT_SEED;
const ITER_SEED = envSeed('FAST_INLINE_FUZZ_ITER_SEED');
/** FAST_INLINE_FUZZ_TRACE=1: print each iteration's user edits and review steps (with a replayed seed). */
const TRACE = process.env.FAST_INLINE_FUZZ_TRACE === '1';

/** An invariant violation: `[name] details`. */
class Violation extends Error {
  constructor(readonly invariant: string, details: string) {
    super(`[${invariant}] ${details}`);
  }
}

function check(cond: unknown, invariant: string, details: () => string): asserts cond {
  if (!cond) throw new Violation(invariant, details());
}

const show = (s: string, max = 160): string => {
  const j = JSON.stringify(s);
  return j.length > max ? `${j.slice(0, max)}…(${s.length} chars)` : j;
};

/** The first difference between two line arrays, with a little context. */
function lineDiff(actual: readonly string[], expected: readonly string[]): string {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  const ctx = (xs: readonly string[]) => xs.slice(Math.max(0, i - 2), i + 4).map((l, k) => `${Math.max(0, i - 2) + k}:${show(l, 70)}`).join(' ');
  return `${actual.length} lines vs ${expected.length} expected; first difference at line ${i}\n      actual:   ${ctx(actual)}\n      expected: ${ctx(expected)}`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const astral = (s: string): number => { let n = 0; for (const ch of s) if (ch.length === 2) n++; return n; };

async function cleanWhole(text: string, opts: CleanOptions): Promise<string[]> {
  return collect(cleanAnswer(fromChunks([text]), opts));
}

/** Applies hunks to `original`, taking each hunk's new or old lines; lines after `end` are kept. */
function resolveHunks(original: readonly string[], pushed: readonly string[], hunks: readonly Hunk[], takeNew: (k: number) => boolean): string[] {
  const out: string[] = [];
  let x = 0;
  hunks.forEach((h, k) => {
    for (; x < h.oldStart; x++) out.push(original[x]);
    if (takeNew(k)) out.push(...pushed.slice(h.newStart, h.newEnd));
    else out.push(...original.slice(h.oldStart, h.oldEnd));
    x = h.oldEnd;
  });
  for (; x < original.length; x++) out.push(original[x]);
  return out;
}

interface Totals {
  iterations: number;
  failures: { i: number; seed: number; message: string }[];
  accepted: number;
  rejected: number;
  userEdits: number;
  boundaryEdits: number;
  frames: number;
  ourEdits: number;
  bytes: number;
  reads: number;
  lines: number;
  hunks: number;
  malformed: number;
  astral: number;
  chars: number;
  endings: Record<string, number>;
  plans: Record<string, number>;
  oracles: number;
  insideRouted: number;
}

const newTotals = (): Totals => ({
  iterations: 0, failures: [], accepted: 0, rejected: 0, userEdits: 0, boundaryEdits: 0, frames: 0, ourEdits: 0, bytes: 0,
  reads: 0, lines: 0, hunks: 0, malformed: 0, astral: 0, chars: 0, endings: {}, plans: {}, oracles: 0, insideRouted: 0,
});

/**
 * Which user edits an iteration makes. 'outside': edits of the text around the session that do
 * not reach its lines. 'boundary-streaming' / 'boundary-review': also, in that phase, the two
 * shapes that touch the session's first line by position only — whole lines deleted right above
 * it (range ending at (start, 0), what Delete Line sends) and whole lines pasted at (start, 0) —
 * still edits of the text outside the session.
 */
type EditMode = 'outside' | 'boundary-streaming' | 'boundary-review';

async function runIteration(seed: number, mode: EditMode, t: Totals): Promise<void> {
  const boundary = mode !== 'outside';
  const r = new Rng(seed);
  const g = genDocument(r);
  const sel = genSelection(r, g.lines);
  const region = regionFromSelection(g.lines, sel);
  const keepFences = /^\s*(```|~~~)/.test(g.lines[region.startLine] ?? '') && region.endLine > region.startLine;
  const clean: CleanOptions = {
    style: g.style, baseIndent: region.baseIndent, leadingBlank: region.leadingBlank, trailingBlank: region.trailingBlank,
    keepFences, blankBefore: region.startLine === region.endLine && r.chance(0.05) ? true : undefined,
  };
  const original = g.lines.slice(region.startLine, region.endLine);
  const answer = genAnswer(r, original, g, keepFences, region.trailingBlank);
  const wire = buildWire(r, answer.text, answer.reasoning);
  const ending = r.weighted({ complete: 75, cut: 15, cancel: 10 });
  const cut = ending === 'cut' ? r.int(wire.bytes.length + 1) : wire.bytes.length;
  const { reads, mode: readMode } = splitReads(r, wire.bytes.subarray(0, cut));
  const received = receivedAt(wire, cut);
  const pFrame = r.pick([0.03, 0.3, 0.9]);
  const pUser = r.pick([0, 0.03, 0.15]);
  const scenario = `doc ${g.lines.length} lines eol=${JSON.stringify(g.eol)} ${g.style.insertSpaces ? `${g.style.tabSize} spaces` : 'tabs'}; ` +
    `selection ${sel.startLine}:${sel.startChar}-${sel.endLine}:${sel.endChar} → region [${region.startLine}, ${region.endLine}) ` +
    `baseIndent=${JSON.stringify(region.baseIndent)} blanks=${region.leadingBlank}/${region.trailingBlank}${keepFences ? ' keepFences' : ''}${clean.blankBefore ? ' blankBefore' : ''}; ` +
    `answer ${answer.kinds.join('+')} (${answer.text.length} chars); ${wire.shape}; reads=${readMode}×${reads.length}; ` +
    `ending=${ending} cut=${cut}/${wire.bytes.length}; pFrame=${pFrame} pUser=${pUser}`;

  try {
    const doc = new SimDocument(g.text, g.eol);
    const above = g.lines.slice(0, region.startLine);
    const below = g.lines.slice(region.endLine);
    const session = new SimSession(region.startLine, original);
    const ctl = new SimController(doc, session);
    const pushed: string[] = [];
    let step = 'start';

    const TAG: Record<string, string> = { same: ' ', removed: '-', added: '+', pending: '?', user: '!' };
    const tags = (): string => `start ${session.startLine} ` + session.model.view().map(l => TAG[l.kind] + l.text.slice(0, 12)).join('|');
    const trace = (msg: () => string): void => { if (TRACE) console.log(`        ${msg()}`); };

    // ── Invariants checked along the way ──────────────────────────────────────────────────────
    session.onView = (view: ViewLine[], snap: DiffSnapshot) => {
      const old: string[] = [], got: string[] = [];
      for (const v of view) {
        check(!/[\r\n]/.test(v.text), 'no-eol-in-line', () => `${step}: view line ${show(v.text)}`);
        if (v.kind === 'same' || v.kind === 'removed' || v.kind === 'pending') old.push(v.text);
        if (v.kind === 'added' || (v.kind === 'same' && v.newIndex >= 0)) got.push(v.text);
        check(!(snap.done && v.kind === 'pending'), 'view-partition', () => `${step}: a pending line in the final view`);
      }
      check(old.join('\n') === original.join('\n') && old.length === original.length, 'view-partition',
        () => `${step}: same+removed+pending ≠ original: ${lineDiff(old, original)}`);
      const want = session.diff.newLines.slice(0, snap.newCount);
      check(got.length === want.length && got.every((l, k) => l === want[k]), 'view-partition',
        () => `${step}: same+added ≠ the ${snap.newCount} lines received: ${lineDiff(got, want)}`);
    };

    const expectedText = (): string => {
      const all = [...above, ...session.rendered.map(l => l.text), ...below];
      return all.join(g.eol);
    };
    // Lines the session took in from just above it (a boundary paste adopted as its own lines):
    // they stay at its top, whatever is accepted or rejected.
    const adopted: string[] = [];
    const checkDoc = (where: string): void => {
      step = where;
      if (boundary && session.startLine < above.length) {
        const k = above.length - session.startLine;
        const tail = above.slice(above.length - k), top = session.rendered.slice(0, k).map(l => l.text);
        check(top.length === k && top.every((l, j) => l === tail[j]), 'outside-intact',
          () => `${where}: the session moved up ${k} lines without taking the lines above it: ${lineDiff(top, tail)}`);
        above.length -= k;
        adopted.unshift(...tail);
      }
      const want = expectedText();
      if (doc.text !== want) {
        const wantLines = want === '' ? [''] : want.split(g.eol);
        throw new Violation('outside-intact', `${where}: the document is not the user's edits around the session's lines ` +
          `(session start ${session.startLine}, ${session.lineCount} lines; outside ${above.length} above + ${below.length} below)\n      ${lineDiff(doc.lines(), wantLines)}`);
      }
      check(session.startLine === above.length, 'start-follows', () => `${where}: session starts at ${session.startLine}, ${above.length} lines above it`);
      for (const l of session.rendered) check(!/[\r\n]/.test(l.text), 'no-eol-in-line', () => `${where}: ${show(l.text)}`);
    };
    const frame = (where: string): void => {
      ctl.frame();
      t.frames++;
      checkDoc(`frame (${where})`);
      const m = session.model.texts(), rd = session.rendered.map(l => l.text);
      check(m.length === rd.length && m.every((l, k) => l === rd[k]), 'frame-draws-model', () => `${where}: ${lineDiff(rd, m)}`);
    };

    // ── The user's edits outside the session ──────────────────────────────────────────────────
    const userLine = (): string => (r.chance(0.15) ? '' : statement(r, 0.3));
    const newLines = (): string[] => Array.from({ length: r.range(1, 3) }, userLine);
    const cpOffset = (s: string): number => { const cps = Array.from(s); return cps.slice(0, r.int(cps.length + 1)).join('').length; };
    const userEdit = (): void => {
      const s = session.startLine, n = session.lineCount, end = s + n, L = doc.lineCount, eol = g.eol;
      if (above.length + n + below.length === 0) return; // an empty document's one line belongs to nobody
      const ops: (() => string)[] = [];
      const boundaryOps: (() => string)[] = [];
      const len = (l: number) => doc.lineLength(l);
      const edit = (a: Pos, b: Pos, text: string): void => { ctl.foreignChange(doc.replace(a, b, text)); };
      const firstBelow = end; // first document line below the session (== s for an empty session)
      const atBoundary = mode === (session.state === 'streaming' ? 'boundary-streaming' : 'boundary-review');
      let boundaryOp = false;
      if (s >= 1) {
        ops.push(() => { const p = r.int(s), ls = newLines(); edit({ line: p, character: 0 }, { line: p, character: 0 }, ls.join(eol) + eol); above.splice(p, 0, ...ls); return `insert ${ls.length} lines at ${p}:0`; });
        ops.push(() => { const p = r.int(s), ls = newLines(); edit({ line: p, character: len(p) }, { line: p, character: len(p) }, eol + ls.join(eol)); above.splice(p + 1, 0, ...ls); return `insert ${ls.length} lines at the end of line ${p}`; });
        ops.push(() => {
          const p = r.int(s), c = cpOffset(above[p]), x = r.pick(['x', ' ', '🚀', '()', 'é']);
          edit({ line: p, character: c }, { line: p, character: c }, x); above[p] = above[p].slice(0, c) + x + above[p].slice(c); return `type ${show(x)} at ${p}:${c}`;
        });
        if (s >= 2) ops.push(() => { const p = r.int(s - 1), q = r.range(p + 1, s - 1); edit({ line: p, character: 0 }, { line: q, character: 0 }, ''); above.splice(p, q - p); return `delete lines [${p}, ${q}) as ${p}:0-${q}:0`; });
        if (s >= 2) ops.push(() => { const p = r.range(1, s - 1), q = r.range(p + 1, s); edit({ line: p - 1, character: len(p - 1) }, { line: q - 1, character: len(q - 1) }, ''); above.splice(p, q - p); return `delete lines [${p}, ${q}) as ${p - 1}:${len(p - 1)}-${q - 1}:end`; });
        if (atBoundary && s < L) {
          boundaryOps.push(() => { const p = r.int(s); edit({ line: p, character: 0 }, { line: s, character: 0 }, ''); above.splice(p, s - p); t.boundaryEdits++; boundaryOp = true; return `BOUNDARY delete lines [${p}, ${s}) right above the session as ${p}:0-${s}:0`; });
        }
      }
      if (atBoundary && n > 0) {
        boundaryOps.push(() => { const ls = newLines(); edit({ line: s, character: 0 }, { line: s, character: 0 }, ls.join(eol) + eol); above.push(...ls); t.boundaryEdits++; boundaryOp = true; return `BOUNDARY paste ${ls.length} whole lines at ${s}:0 (the session's first line)`; });
      }
      if (firstBelow < L) {
        ops.push(() => { const q = r.range(firstBelow, L - 1), ls = newLines(); edit({ line: q, character: 0 }, { line: q, character: 0 }, ls.join(eol) + eol); below.splice(q - firstBelow, 0, ...ls); return `insert ${ls.length} lines at ${q}:0`; });
        ops.push(() => { const q = r.range(firstBelow, L - 1), ls = newLines(); edit({ line: q, character: len(q) }, { line: q, character: len(q) }, eol + ls.join(eol)); below.splice(q - firstBelow + 1, 0, ...ls); return `insert ${ls.length} lines at the end of line ${q}`; });
        ops.push(() => {
          const q = r.range(firstBelow, L - 1), k = q - firstBelow, c1 = cpOffset(below[k]), c2 = c1 + cpOffset(below[k].slice(c1));
          edit({ line: q, character: c1 }, { line: q, character: c2 }, ''); below[k] = below[k].slice(0, c1) + below[k].slice(c2); return `delete ${q}:${c1}-${q}:${c2}`;
        });
        if (firstBelow + 1 < L) ops.push(() => { const p = r.range(firstBelow, L - 2), q = r.range(p + 1, L - 1); edit({ line: p, character: 0 }, { line: q, character: 0 }, ''); below.splice(p - firstBelow, q - p); return `delete lines [${p}, ${q}) as ${p}:0-${q}:0`; });
        if (firstBelow + 1 < L) ops.push(() => { const p = r.range(firstBelow + 1, L - 1), q = r.range(p + 1, L); edit({ line: p - 1, character: len(p - 1) }, { line: q - 1, character: len(q - 1) }, ''); below.splice(p - firstBelow, q - p); return `delete lines [${p}, ${q}) as ${p - 1}:end-${q - 1}:end`; });
      }
      if (ops.length === 0 && boundaryOps.length === 0) return;
      if (ops.length === 0) ops.push(...boundaryOps);
      const insideBefore = ctl.insideChanges;
      // In the boundary modes, half of the edits are boundary shapes when one is possible.
      const what = (atBoundary && boundaryOps.length > 0 && r.chance(0.5) ? r.pick(boundaryOps) : r.pick(ops))();
      t.userEdits++;
      trace(() => `user edit: ${what} → ${tags()}`);
      checkDoc(`after the user's edit "${what}"`);
      check(session.end !== 'user-edit', 'outside-edit-keeps-stream', () => `the user's edit "${what}" (outside the session) stopped its stream`);
      if (!boundaryOp) check(ctl.insideChanges === insideBefore, 'outside-edit-routed-inside', () => `the user's edit "${what}" (outside the session) was taken as an edit inside it`);
    };
    const between = (where: string): void => {
      if (r.chance(pUser)) userEdit();
      if (r.chance(pFrame)) frame(where);
    };

    // ── Streaming ─────────────────────────────────────────────────────────────────────────────
    let malformed = 0;
    const texts: string[] = [];
    const kinds: string[] = [];
    async function* network(): AsyncIterable<Uint8Array> {
      for (const chunk of reads) {
        between('between network reads');
        yield chunk;
      }
    }
    const tap = (e: StreamEvent): void => {
      kinds.push(e.kind);
      if (e.kind === 'text') texts.push(e.text);
    };
    const expectedClean = await cleanWhole(received.text, clean);
    const cancelAt = ending === 'cancel' ? r.int(expectedClean.length + 1) : -1;
    let threw: unknown;
    try {
      const lines = cleanAnswer(answerText(chunkEvents(parseSseBatches(network()), () => { malformed++; }, () => 0), tap), clean);
      for await (const line of lines) {
        if (pushed.length === cancelAt) { session.cancel(); break; }
        step = `line ${pushed.length}`;
        check(!/[\r\n]/.test(line), 'no-eol-in-line', () => `cleaned line ${pushed.length}: ${show(line)}`);
        session.push(line);
        pushed.push(line);
        between(`after line ${pushed.length}`);
      }
    } catch (e) {
      if (e instanceof Violation) throw e; // an invariant checked between reads or lines
      threw = e;
    }
    if (ending === 'cancel' && !session.stopped) session.cancel();
    const completeExpected = ending !== 'cancel' && received.complete;
    if (threw !== undefined) {
      check(!completeExpected && ending === 'cut' && threw instanceof ModelError && threw.kind === 'connection', 'stream-end',
        () => `the pipeline threw ${threw instanceof Error ? threw.stack : String(threw)}`);
    } else if (ending !== 'cancel') {
      check(completeExpected, 'stream-end', () => 'a stream cut before its finish chunk and [DONE] ended without an error');
    }
    session.finishStream(threw === undefined && ending !== 'cancel');
    step = 'finish';

    // SSE: exactly the text that arrived whole; exactly the malformed lines skipped.
    const got = texts.join('');
    if (ending === 'cancel') check(received.text.startsWith(got), 'sse-text', () => `cancelled: ${show(got)} is not a prefix of ${show(received.text)}`);
    else check(got === received.text, 'sse-text', () => `text events ${show(got, 300)}\n      ≠ sent ${show(received.text, 300)}`);
    if (ending === 'complete') {
      check(malformed === wire.malformed, 'sse-malformed', () => `${malformed} malformed lines reported, ${wire.malformed} sent`);
      check(kinds[kinds.length - 1] === 'end' && kinds.filter(k => k === 'usage').length === 1, 'sse-events', () => `events ${kinds.slice(-4).join(',')}`);
    }
    check(!LONE_SURROGATE.test(got) && !got.includes('\ufffd'), 'non-bmp', () => `decoded text has a broken character: ${show(got, 300)}`);
    // Cleaning does not depend on the chunking (a cut or cancelled stream: a prefix of it).
    if (session.end === 'complete') {
      check(pushed.length === expectedClean.length && pushed.every((l, k) => l === expectedClean[k]), 'clean-chunking',
        () => `streamed cleaning ≠ cleaning the whole text at once: ${lineDiff(pushed, expectedClean)}\n      text ${show(received.text, 400)}`);
    } else {
      check(pushed.length <= expectedClean.length && pushed.every((l, k) => l === expectedClean[k]), 'clean-chunking',
        () => `lines of a stopped stream are not a prefix of the whole cleaning: ${lineDiff(pushed, expectedClean)}`);
    }
    if (answer.plain !== undefined && ending === 'complete') {
      const bare = await cleanWhole(answer.plain, clean);
      t.oracles++;
      check(bare.length === expectedClean.length && bare.every((l, k) => l === expectedClean[k]), 'clean-wrapper',
        () => `cleaning the wrapped answer ≠ cleaning the bare code: ${lineDiff(expectedClean, bare)}\n      wrapped ${show(answer.text, 400)}`);
    }
    for (const l of pushed) check(l.trim() !== '' || l === '', 'blank-lines', () => `a blank line kept its whitespace: ${show(l)}`);

    // The final diff: well formed, consistent with the lines, minimal.
    const snap = session.finalSnap!;
    // An empty answer to a rewrite proposes nothing (EditSession.settle): no hunk to review.
    const H = session.emptyAnswer ? [] : snap.hunks;
    {
      let x = 0, y = 0;
      for (const h of snap.hunks) {
        check(h.oldStart >= x && h.newStart >= y && h.oldEnd >= h.oldStart && h.newEnd >= h.newStart && (h.oldEnd > h.oldStart || h.newEnd > h.newStart),
          'diff-shape', () => `bad hunk ${JSON.stringify(h)} after (${x}, ${y})`);
        check(x === 0 && y === 0 ? true : h.oldStart > x, 'diff-shape', () => `adjacent hunks at ${x}`);
        check(h.oldStart - x === h.newStart - y, 'diff-shape', () => `unequal gap before ${JSON.stringify(h)}`);
        for (let k = 0; k < h.oldStart - x; k++) check(original[x + k] === pushed[y + k], 'diff-shape', () => `lines ${x + k}/${y + k} called equal differ`);
        x = h.oldEnd; y = h.newEnd;
      }
      check(snap.oldAligned - x === pushed.length - y && snap.oldAligned <= original.length, 'diff-shape', () => `tail ${x}..${snap.oldAligned} vs ${y}..${pushed.length}`);
      for (let k = 0; x + k < snap.oldAligned; k++) check(original[x + k] === pushed[y + k], 'diff-shape', () => `tail lines ${x + k}/${y + k} differ`);
      if (session.end === 'complete') {
        check(snap.oldAligned === original.length, 'diff-shape', () => `complete diff ends at ${snap.oldAligned} of ${original.length}`);
        const min = diffSize(diffLines(original, pushed));
        check(diffSize(snap.hunks) === min, 'diff-minimal', () => `final diff size ${diffSize(snap.hunks)} > minimal ${min} (${session.diff.finishChoice})`);
      } else {
        const min = diffSize(diffPrefix(original, pushed).hunks);
        check(diffSize(snap.hunks) === min, 'diff-minimal', () => `final diff (cut) size ${diffSize(snap.hunks)} > minimal ${min} (${session.diff.finishChoice})`);
      }
    }
    frame('after finish');
    trace(() => `final diff ${JSON.stringify(H)}; view ${tags()}`);

    // ── Review ────────────────────────────────────────────────────────────────────────────────
    {
      const mh = session.model.hunks();
      check(mh.length === H.length, 'review-hunks', () => `the review model has ${mh.length} hunks, the diff ${H.length}`);
      const view = session.model.view();
      mh.forEach((h, k) => {
        const txt = view.slice(h.start, h.end).map(l => l.text);
        const want = [...original.slice(H[k].oldStart, H[k].oldEnd), ...pushed.slice(H[k].newStart, H[k].newEnd)];
        check(txt.length === want.length && txt.every((l, j) => l === want[j]), 'review-hunks', () => `hunk ${k}: ${lineDiff(txt, want)}`);
      });
    }
    const plan = H.length === 0 ? 'none' : r.weighted({ perHunk: 50, acceptAll: 15, rejectAll: 15, mixed: 20 });
    t.plans[plan] = (t.plans[plan] ?? 0) + 1;
    const order = r.shuffle(H.map((_, k) => k));
    const decide: boolean[] = H.map(() => r.chance(0.5)); // true = accept
    let perHunk = H.length;
    let bulk: boolean | undefined;
    if (plan === 'acceptAll' || plan === 'rejectAll' || plan === 'mixed') {
      perHunk = r.int(H.length + 1);
      bulk = plan === 'acceptAll' ? true : plan === 'rejectAll' ? false : r.chance(0.5);
      for (let i = 0; i < H.length; i++) if (plan !== 'mixed' || i >= perHunk) decide[order[i]] = bulk;
    }
    // The expectation, from the hunks alone, before anything is resolved.
    const expectedRegion = resolveHunks(original, pushed, H, k => decide[k]);
    const accepted = decide.filter(d => d).length;
    const remaining = H.map((_, k) => k);
    for (let i = 0; i < perHunk; i++) {
      // The user's edits come between drawn frames (sessionManager.resolveHunk draws at once).
      if (r.chance(pUser * 2)) userEdit();
      const k = order[i];
      const idx = remaining.indexOf(k);
      const hs = session.model.hunks();
      check(hs.length === remaining.length, 'review-hunks', () => `${hs.length} hunks left, ${remaining.length} expected`);
      const h = hs[idx];
      const cursor = h.start + r.int(h.end - h.start);
      check(session.model.hunkAt(cursor) === idx, 'review-hunkAt', () => `hunkAt(${cursor}) = ${session.model.hunkAt(cursor)}, the cursor is in hunk ${idx}`);
      trace(() => `${decide[k] ? 'accept' : 'reject'} hunk ${k} (index ${idx} of ${hs.length}, cursor ${cursor}) in ${tags()}`);
      if (decide[k]) session.model.accept(h); else session.model.reject(h);
      remaining.splice(idx, 1);
      session.updateStateAfterReview();
      frame(`after ${decide[k] ? 'accepting' : 'rejecting'} hunk ${k}`);
    }
    if (bulk !== undefined) {
      if (bulk) session.model.acceptAll(); else session.model.rejectAll();
      session.updateStateAfterReview();
      frame(bulk ? 'acceptAll' : 'rejectAll');
    }
    check(session.model.hunks().length === 0 && session.state === 'done', 'review-done', () => `state ${session.state}, ${session.model.hunks().length} hunks left`);
    check(session.model.acceptedHunks === accepted && session.model.rejectedHunks === H.length - accepted, 'review-counts',
      () => `counted ${session.model.acceptedHunks} accepted / ${session.model.rejectedHunks} rejected, expected ${accepted} / ${H.length - accepted}`);
    const finalRegion = doc.lines().slice(session.startLine + adopted.length, session.startLine + session.lineCount);
    if (session.lineCount === 0) finalRegion.length = 0;
    check(adopted.every((l, k) => doc.lineAt(session.startLine + k) === l), 'outside-intact', () => 'lines adopted by the session changed');
    check(finalRegion.length === expectedRegion.length && finalRegion.every((l, k) => l === expectedRegion[k]), 'resolved-mix',
      () => `the region is not the chosen mix of old and new lines: ${lineDiff(finalRegion, expectedRegion)}`);
    const fullExpected = [...above, ...adopted, ...expectedRegion, ...below].join(g.eol);
    check(doc.text === fullExpected, 'resolved-document', () => `document text ${show(doc.text, 200)} ≠ ${show(fullExpected, 200)}`);
    if (accepted === 0) {
      check(finalRegion.join(g.eol) === original.join(g.eol) && finalRegion.length === original.length, 'reject-all-is-original',
        () => `everything rejected, the region differs from the original: ${lineDiff(finalRegion, original)}`);
    }
    if (accepted === H.length && !session.emptyAnswer) {
      const want = [...pushed, ...original.slice(snap.oldAligned)];
      check(finalRegion.length === want.length && finalRegion.every((l, k) => l === want[k]), 'accept-all-is-answer',
        () => `everything accepted, the region is not the cleaned answer: ${lineDiff(finalRegion, want)}`);
      if (session.end === 'complete') {
        check(finalRegion.join('\n') === expectedClean.join('\n') && finalRegion.length === expectedClean.length, 'accept-all-is-answer',
          () => `everything accepted, the region ≠ cleaning of the whole answer: ${lineDiff(finalRegion, expectedClean)}`);
      }
    }
    check(!LONE_SURROGATE.test(doc.text) && !doc.text.includes('\ufffd'), 'non-bmp', () => `broken character in the document ${show(doc.text, 300)}`);
    const piecesOk = doc.text.split(g.eol).every(l => !/[\r\n]/.test(l));
    check(piecesOk, 'no-eol-in-line', () => 'the document mixes line endings (a line holds \\r or \\n)');

    if (TRACE) console.log(`      ${hex(seed)} orig=${original.length} pushed=${pushed.length} hunks=${H.length} ${answer.kinds.join('+')} ${session.end}`);
    t.accepted += accepted;
    t.rejected += H.length - accepted;
    t.hunks += H.length;
    t.ourEdits += ctl.editsApplied;
    t.insideRouted += ctl.insideChanges;
    t.bytes += cut;
    t.reads += reads.length;
    t.lines += pushed.length;
    t.malformed += malformed;
    t.astral += astral(doc.text) + astral(got);
    t.chars += doc.text.length + got.length;
    const endKey = session.end === 'complete' ? 'complete' : session.end === 'cancelled' ? 'cancelled' : session.end === 'error' ? 'cut' : String(session.end);
    t.endings[endKey] = (t.endings[endKey] ?? 0) + 1;
  } catch (e) {
    if (e instanceof Violation) {
      e.message = `${e.message}\n      scenario: ${scenario}`;
    } else if (e instanceof Error) {
      e.message = `[exception] ${e.message}\n      scenario: ${scenario}\n      ${e.stack?.split('\n').slice(1, 4).join('\n      ')}`;
    }
    throw e;
  }
}

async function fuzz(title: string, iterations: number, base: number, mode: EditMode): Promise<Totals> {
  const t = newTotals();
  const seeds = ITER_SEED !== undefined ? [ITER_SEED] : Array.from({ length: iterations }, (_, i) => iterationSeed(base, i));
  const started = performance.now();
  console.log(`      ${title}: base seed ${hex(base)} (FAST_INLINE_FUZZ_SEED), ${seeds.length} iteration${seeds.length === 1 ? '' : 's'}${ITER_SEED !== undefined ? ` (replaying ${hex(ITER_SEED)})` : ''}`);
  for (let i = 0; i < seeds.length; i++) {
    try {
      await runIteration(seeds[i], mode, t);
    } catch (e) {
      t.failures.push({ i, seed: seeds[i], message: e instanceof Error ? e.message : String(e) });
    }
    t.iterations++;
  }
  const ms = performance.now() - started;
  const kb = (t.bytes / 1024).toFixed(0);
  console.log(`      ${t.iterations} iterations in ${(ms / 1000).toFixed(1)} s; ${kb} KiB of SSE in ${t.reads} reads → ${t.lines} cleaned lines; ` +
    `endings ${JSON.stringify(t.endings)}; ${t.malformed} malformed lines skipped; ${t.oracles} wrapper oracles`);
  console.log(`      ${t.hunks} hunks: ${t.accepted} accepted, ${t.rejected} rejected (plans ${JSON.stringify(t.plans)}); ` +
    `${t.frames} frames, ${t.ourEdits} document edits of ours, ${t.userEdits} user edits outside the session` +
    `${mode !== 'outside' ? ` (${t.boundaryEdits} at its boundary, ${t.insideRouted} routed inside it)` : ''}`);
  const failed = t.failures.length;
  console.log(`      ${t.chars.toLocaleString('en-US')} characters checked (${t.astral} non-BMP): ` +
    `${failed === 0 ? '0 characters lost' : `${failed} failing iteration${failed === 1 ? '' : 's'}`}`);
  return t;
}

function report(title: string, t: Totals): void {
  if (t.failures.length === 0) return;
  const byInvariant = new Map<string, number>();
  for (const f of t.failures) {
    const key = /^\[([^\]]+)\]/.exec(f.message)?.[1] ?? 'exception';
    byInvariant.set(key, (byInvariant.get(key) ?? 0) + 1);
  }
  const first = new Map<string, (typeof t.failures)[number]>();
  for (const f of t.failures) {
    const key = /^\[([^\]]+)\]/.exec(f.message)?.[1] ?? 'exception';
    if (!first.has(key)) first.set(key, f);
  }
  const lines = [`${t.failures.length} of ${t.iterations} iterations failed: ${[...byInvariant].map(([k, n]) => `${k} ×${n}`).join(', ')}`];
  for (const [, f] of first) {
    lines.push(`  iteration ${f.i}, seed ${hex(f.seed)} — replay: FAST_INLINE_FUZZ_ITER_SEED=${hex(f.seed)} npx mocha out/test/unit/fuzz.pipeline.test.js -g "${title}"`);
    lines.push(`    ${f.message.slice(0, 2500)}`);
  }
  assert.fail(lines.join('\n'));
}

describe('fuzz: the whole core pipeline (SSE bytes → cleaning → streaming diff → review → document)', function () {
  this.timeout(300_000);

  const MAIN = 'random answers, byte cuts, frames, user edits outside the session, accept/reject';
  it(MAIN, async () => {
    report(MAIN, await fuzz('pipeline fuzz', ITERATIONS, BASE_SEED, 'outside'));
  });

  const BOUNDARY_STREAMING = 'while streaming, whole lines deleted just above the session or pasted at its first line';
  it(BOUNDARY_STREAMING, async () => {
    report(BOUNDARY_STREAMING, await fuzz('boundary fuzz (streaming)', BOUNDARY_ITERATIONS, (BASE_SEED ^ 0xb0d4a11) >>> 0, 'boundary-streaming'));
  });

  const BOUNDARY_REVIEW = 'while reviewing, whole lines deleted just above the session or pasted at its first line';
  it(BOUNDARY_REVIEW, async () => {
    report(BOUNDARY_REVIEW, await fuzz('boundary fuzz (review)', BOUNDARY_ITERATIONS, (BASE_SEED ^ 0x4e71e3) >>> 0, 'boundary-review'));
  });
});

// The same edits on the REAL DocumentController and EditSession (vscode stubbed, see
// fuzz/vscodeStub.ts), to show that what the simulation finds is in the shipped code.
describe('fuzz: DocumentController (real, vscode stubbed): edits next to or inside a session', function () {
  this.timeout(20_000);
  type Harness = ReturnType<typeof realController> & { s: import('../../src/vscode/editSession').EditSession };
  const DOC = ['// header', 'keep me', 'a1', 'a2', 'a3', 'tail', ''];

  /** A session over a1..a3, its answer streamed to the end and drawn: under review. */
  async function reviewing(answer: string, drawn: string[]): Promise<Harness> {
    const h = realController(DOC.join('\n'));
    const s = h.session(2, 5);
    const { events, release } = gatedEvents([answer]);
    const run = s.run(events, PLAIN_CLEAN);
    release(); release();
    await run;
    await h.controller.flush();
    assert.strictEqual(h.doc.text, ['// header', 'keep me', ...drawn, 'tail', ''].join('\n'), 'the diff is drawn');
    return { ...h, s };
  }

  it('baseline: an edit that ends on the line above the session only moves it', async () => {
    const h = await reviewing('A1\na2\na3\n', ['a1', 'A1', 'a2', 'a3']);
    try {
      h.userEdit({ line: 0, character: 9 }, { line: 1, character: 7 }, ''); // deletes "\nkeep me" from the end of line 0
      await h.controller.flush();
      assert.strictEqual(h.s.startLine, 1);
      h.s.model.acceptAll(); h.s.updateStateAfterReview();
      await h.controller.flush();
      assert.strictEqual(h.doc.text, ['// header', 'A1', 'a2', 'a3', 'tail', ''].join('\n'));
    } finally { h.dispose(); }
  });

  it('deleting the whole line just above a session under review (range 1:0-2:0, what Delete Line sends), then Accept All: the old first line is gone', async () => {
    const h = await reviewing('A1\na2\na3\n', ['a1', 'A1', 'a2', 'a3']); // a1 removed (red), A1 added
    try {
      h.userEdit({ line: 1, character: 0 }, { line: 2, character: 0 }, '');
      await h.controller.flush();
      const kinds = h.s.rendered.map(l => `${l.kind}:${l.text}`);
      h.s.model.acceptAll(); h.s.updateStateAfterReview();
      await h.controller.flush();
      assert.strictEqual(h.doc.text, ['// header', 'A1', 'a2', 'a3', 'tail', ''].join('\n'),
        `the removed line a1 must not survive Accept All (session lines after the delete: ${kinds.join(', ')})`);
    } finally { h.dispose(); }
  });

  it('pasting a whole line at the start of a session under review (at 2:0), then Accept All: the old first line is gone', async () => {
    const h = await reviewing('A1\na2\na3\n', ['a1', 'A1', 'a2', 'a3']);
    try {
      h.userEdit({ line: 2, character: 0 }, { line: 2, character: 0 }, 'pasted();\n');
      await h.controller.flush();
      const kinds = h.s.rendered.map(l => `${l.kind}:${l.text}`);
      h.s.model.acceptAll(); h.s.updateStateAfterReview();
      await h.controller.flush();
      assert.strictEqual(h.doc.text, ['// header', 'keep me', 'pasted();', 'A1', 'a2', 'a3', 'tail', ''].join('\n'),
        `the removed line a1 must not survive Accept All (session lines after the paste: ${kinds.join(', ')})`);
    } finally { h.dispose(); }
  });

  it('deleting the line just above a session while it streams does not stop the stream', async () => {
    const h = realController(DOC.join('\n'));
    try {
      const s = h.session(2, 5);
      const { events, release } = gatedEvents(['a1\nB2\n', 'a3\n']);
      const run = s.run(events, PLAIN_CLEAN);
      release();
      await settle();
      await h.controller.flush();
      h.userEdit({ line: 1, character: 0 }, { line: 2, character: 0 }, '');
      release(); release();
      await run;
      await h.controller.flush();
      assert.deepStrictEqual(s.end, { kind: 'complete' }, 'an edit above the session moves it; the stream goes on');
      s.model.acceptAll(); s.updateStateAfterReview();
      await h.controller.flush();
      assert.strictEqual(h.doc.text, ['// header', 'a1', 'B2', 'a3', 'tail', ''].join('\n'), `log: ${h.logs.join(' | ')}`);
    } finally { h.dispose(); }
  });

  it('deleting the line just above an insertion point (empty session) does not stop it or make it take the line below', async () => {
    const h = realController(['a', 'b', 'c', ''].join('\n'));
    try {
      const s = h.session(2, 2); // insert before "c"
      const { events, release } = gatedEvents(['X\nY\n']);
      const run = s.run(events, PLAIN_CLEAN);
      h.userEdit({ line: 1, character: 0 }, { line: 2, character: 0 }, ''); // delete "b"
      assert.deepStrictEqual({ startLine: s.startLine, lineCount: s.lineCount }, { startLine: 1, lineCount: 0 }, 'the empty session moved up, still empty');
      release(); release();
      await run;
      await h.controller.flush();
      assert.deepStrictEqual(s.end, { kind: 'complete' });
      s.model.acceptAll(); s.updateStateAfterReview();
      await h.controller.flush();
      assert.strictEqual(h.doc.text, ['a', 'X', 'Y', 'c', ''].join('\n'));
    } finally { h.dispose(); }
  });

  it('typing inside a session keeps every character once (no line duplicated)', async () => {
    const h = await reviewing('a1\nB2\na3\n', ['a1', 'a2', 'B2', 'a3']);
    try {
      h.userEdit({ line: 2, character: 0 }, { line: 2, character: 0 }, 'X'); // "a1" → "Xa1", the session's first line
      await h.controller.flush();
      assert.strictEqual(h.doc.text, ['// header', 'keep me', 'Xa1', 'a2', 'B2', 'a3', 'tail', ''].join('\n'));
      assert.deepStrictEqual(h.s.rendered.map(l => l.text), ['Xa1', 'a2', 'B2', 'a3'], `the session's lines (it claims ${h.s.lineCount})`);
      h.s.model.rejectAll(); h.s.updateStateAfterReview();
      await h.controller.flush();
      assert.strictEqual(h.doc.text, ['// header', 'keep me', 'Xa1', 'a2', 'a3', 'tail', ''].join('\n'), `log: ${h.logs.join(' | ')}`);
    } finally { h.dispose(); }
  });

  it('a keystroke that lands between Reject and its frame does not undo the reject (nor count it twice)', async () => {
    const h = await reviewing('a1\nB2\na3\n', ['a1', 'a2', 'B2', 'a3']);
    try {
      const [hunk] = h.s.model.hunks();
      h.s.model.reject(hunk); // what resolveHunk does, before its flush() reaches the document
      h.userEdit({ line: 5, character: 2 }, { line: 5, character: 2 }, '!'); // "a3" → "a3!" (inside the session)
      await h.controller.flush();
      assert.deepStrictEqual({ text: h.doc.text, hunksLeft: h.s.model.hunks().length, rejected: h.s.model.rejectedHunks },
        { text: ['// header', 'keep me', 'a1', 'a2', 'a3!', 'tail', ''].join('\n'), hunksLeft: 0, rejected: 1 });
    } finally { h.dispose(); }
  });
});
