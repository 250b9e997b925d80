// The diff shown while an answer streams in line by line, and the final diff when it ends.
// Pure TypeScript, no `vscode` import.
//
// While streaming (snapshot(), at most once per display frame):
//  - A SETTLED prefix old[0..settledOld) × new[0..settledNew) is kept; its hunks never change again
//    before finish(). Only the UNSETTLED tail new[settledNew..) is re-aligned each frame, against a
//    window of the original after settledOld (3 × the tail's length, beyond which no alignment can
//    pay off). The cost of a snapshot depends on the unsettled region near the head of the stream,
//    not on the size of the file.
//  - The tail alignment is semi-global: the original's lines after the best end `oldAligned` are
//    free (PENDING). It minimises 1 × removed + 2 × added lines (exact dynamic programme, see
//    HeadAligner): leaving an original line pending is not free in the end (a complete answer
//    removes every line it does not match), and equal weights leave the head calling "added" many
//    lines that the final diff matches. Ties go to the smaller end (more pending, fewer removed).
//  - New lines at the head that do not match yet are insertions at `oldAligned`; original lines
//    after it stay pending. An original line is shown removed only when a line after it is matched
//    (the model has passed it): an alignment never ends with removed lines.
//  - Commit rule: everything up to the end of the last run of >= RUN_MIN equal lines that carries
//    some content (a line with >= RUN_SIG_CHARS non-blank characters, or a run of 2 × RUN_MIN) is
//    settled, counting only the part of the run at least LOOKAHEAD lines behind the head (so a
//    match that is really the start of a moved block can still be re-read). If no run settles the
//    tail for TAIL_CAP lines (an all-new answer, a large deleted block), its older part is settled
//    as currently aligned, keeping the newest TAIL_KEEP lines open: at most O(TAIL_CAP²) work per
//    frame, whatever the answer. A backlog (snapshots called rarely) is consumed in such steps.
//
// At the end (finish()):
//  - complete=true must give a MINIMAL diff (fewest removed + added lines) whatever was settled.
//    The Myers distance D is computed first (one middle-snake search, about half a full diff).
//      1. 'displayed': the last snapshot exactly as displayed, plus a minimal diff of what was not
//         displayed yet (lines received since, and the pending lines, now matched or removed).
//         If its size is D it is the result: nothing on screen moves except pending lines turning
//         into removed ones and the new lines appearing. This is the usual case.
//      2. Otherwise a minimal diff M is taken: the settled prefix plus a minimal diff of the rest if
//         that has size D ('settled': the settled prefix survives), else a fresh diffLines
//         ('spliced'). M is spliced with (1): walking the points where both alignments pass, in
//         order, (1)'s route between two consecutive such points is kept when it costs the same as
//         M's (then it is optimal there too); the stretches where it costs more are re-routed by a
//         small dynamic programme that picks, among the optimal routes of that stretch, the one
//         keeping the most of (1)'s matched line pairs (M's route if the stretch is over a cell
//         budget). Only lines in stretches where the stream's alignment was really suboptimal are
//         redrawn. The result's size is checked to be D (else M itself: 'minimal', never seen in
//         the property tests).
//  - complete=false (cut or cancelled): the same with semi-global alignments (the distance is that
//    of the best prefix of the original; the original's lines after `oldAligned` are not reached
//    and stay unchanged).
//  - With no snapshot ever taken there is nothing to preserve: a plain minimal diff ('fresh').

import { Hunk, LineInterner, MyersEngine, compactHunks, diffSize } from './myers';

/** A view of the diff at one moment. Treat as immutable: settled hunk objects are frozen and shared between snapshots. */
export interface DiffSnapshot {
  hunks: Hunk[];        // over old[0..oldAligned) × new[0..newCount)
  oldAligned: number;   // while streaming: old lines [oldAligned..) are still PENDING (not yet known to be kept or removed)
  newCount: number;     // lines of the new text received so far
  done: boolean;
  /** While streaming: hunks[0..settledHunks) will not change before finish(). */
  settledHunks?: number;
  /** While streaming: old[0..settledOld) × new[0..settledNew) is settled (the region of those hunks). */
  settledOld?: number;
  settledNew?: number;
}

/** How finish() chose its result (see the file comment). */
export type FinishChoice = 'displayed' | 'settled' | 'spliced' | 'minimal' | 'fresh';

/** A run of at least this many equal lines settles everything before it (and itself). */
const RUN_MIN = 3;
/** ...provided one of its lines has at least this many non-blank characters (or it is 2×RUN_MIN long). */
const RUN_SIG_CHARS = 4;
/** Only runs ending at least this many lines before the head settle: more lines can still show
 *  that an apparent match was a moved block, and waiting costs little. */
const LOOKAHEAD = 32;
/** Bound on the unsettled tail (new lines) before its older part is settled as aligned. */
const TAIL_CAP = 192;
/** How many of the newest lines stay open when the cap settles the older part. */
const TAIL_KEEP = 64;

export class StreamDiff {
  private readonly interner = new LineInterner();
  private readonly A: Int32Array;
  private B: Int32Array = new Int32Array(256);
  private readonly lines: string[] = [];
  private readonly eng = new MyersEngine();
  private readonly head = new HeadAligner();

  private settled: Hunk[] = [];
  private cO = 0;
  private cN = 0;

  private lastTail: Hunk[] = [];
  private lastEnd = 0;
  private lastCount = 0;
  private lastSnap: DiffSnapshot | undefined;
  private finalSnap: DiffSnapshot | undefined;
  private choice: FinishChoice | undefined;

  constructor(original: readonly string[]) {
    this.A = this.interner.intern(original);
  }

  /** O(1): records the line. */
  push(line: string): void {
    if (this.finalSnap !== undefined) throw new Error('StreamDiff: push() after finish()');
    const m = this.lines.length;
    if (m === this.B.length) {
      const nb = new Int32Array(m * 2);
      nb.set(this.B);
      this.B = nb;
    }
    this.B[m] = this.interner.id(line);
    this.lines.push(line);
  }

  get newLines(): readonly string[] {
    return this.lines;
  }

  /** How the last finish() decided (for logs and tests). */
  get finishChoice(): FinishChoice | undefined {
    return this.choice;
  }

  /** The diff so far. Cost grows with the unsettled region near the head, not with the file. */
  snapshot(): DiffSnapshot {
    if (this.finalSnap !== undefined) return this.finalSnap;
    const m = this.lines.length;
    if (this.lastSnap !== undefined && this.lastCount === m) return this.lastSnap;
    // A backlog (snapshots called rarely) is processed in bounded steps, as frames would have.
    while (m - this.cN > TAIL_CAP) this.advance(this.cN + TAIL_CAP);
    const tail = this.advance(m);
    this.lastTail = tail.hunks;
    this.lastEnd = tail.end;
    this.lastCount = m;
    const hunks = concatHunks(this.settled, tail.hunks);
    const settledHunks = hunks.length < this.settled.length + tail.hunks.length ? this.settled.length - 1 : this.settled.length;
    this.lastSnap = {
      hunks,
      oldAligned: tail.end,
      newCount: m,
      done: false,
      settledHunks,
      settledOld: this.cO,
      settledNew: this.cN,
    };
    return this.lastSnap;
  }

  /**
   * Ends the stream. complete=true: MINIMAL diff of (original, new), oldAligned = original.length.
   * complete=false: minimal diff of new against the best-aligned prefix of the original; the lines
   * after oldAligned are not reached (kept unchanged). Idempotent.
   */
  finish(complete: boolean): DiffSnapshot {
    if (this.finalSnap !== undefined) return this.finalSnap;
    const A = this.A, B = this.B, n = A.length, m = this.lines.length, eng = this.eng;
    let hunks: Hunk[];
    let end: number;
    let choice: FinishChoice;
    if (this.lastSnap === undefined) {
      // Nothing was displayed: no alignment to preserve.
      if (complete) { hunks = eng.diff(A, 0, n, B, 0, m); end = n; }
      else { const r = eng.diffPrefix(A, 0, n, B, 0, m); hunks = r.hunks; end = r.oldEnd; }
      choice = 'fresh';
    } else {
      const best = complete ? eng.distance(A, 0, n, B, 0, m) : eng.prefixEnd(A, 0, n, B, 0, m).cost;
      // 1. As displayed, plus a minimal diff of what was not displayed yet.
      const rest = this.diffBox(this.lastEnd, this.lastCount, complete);
      const shownHunks = concatHunks(concatHunks(this.settled, this.lastTail), rest.hunks);
      const shown: AlignedPath = { hunks: shownHunks, end: rest.end };
      if (diffSize(shownHunks) === best) {
        hunks = shownHunks; end = shown.end; choice = 'displayed';
      } else {
        // 2. A minimal diff to splice with: the settled prefix plus a minimal diff of the rest when
        //    that is minimal (then the settled prefix survives the splice untouched), else a fresh one.
        const tail = this.diffBox(this.cO, this.cN, complete);
        let min: AlignedPath = { hunks: concatHunks(this.settled, tail.hunks), end: tail.end };
        choice = 'settled';
        if (diffSize(min.hunks) !== best) {
          min = complete ? { hunks: eng.diff(A, 0, n, B, 0, m), end: n } : (() => { const r = eng.diffPrefix(A, 0, n, B, 0, m); return { hunks: r.hunks, end: r.oldEnd }; })();
          choice = 'spliced';
        }
        // 3. Keep every stretch of the displayed alignment that is optimal where it stands.
        const sp = splicePaths(A, B, shown, min, n, m, !complete);
        if (diffSize(sp.hunks) === best) { hunks = sp.hunks; end = sp.end; }
        else { hunks = min.hunks.slice(); end = min.end; choice = 'minimal'; }
      }
    }
    this.choice = choice;
    this.finalSnap = { hunks, oldAligned: end, newCount: m, done: true, settledHunks: hunks.length, settledOld: end, settledNew: m };
    return this.finalSnap;
  }

  /** Minimal diff of new[y..) against old[x..) (complete) or against its best prefix (cut). */
  private diffBox(x: number, y: number, complete: boolean): AlignedPath {
    const A = this.A, B = this.B, n = A.length, m = this.lines.length;
    if (complete) return { hunks: this.eng.diff(A, x, n, B, y, m), end: n };
    const r = this.eng.diffPrefix(A, x, n, B, y, m);
    return { hunks: r.hunks, end: r.oldEnd };
  }

  /** Does new[y..y+len) (a run of equal lines) carry enough content to settle on? */
  private qualifies(y: number, len: number): boolean {
    if (len < RUN_MIN) return false;
    if (len >= 2 * RUN_MIN) return true;
    for (let j = y; j < y + len; j++) {
      const line = this.lines[j];
      let s = 0;
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 13 && ++s >= RUN_SIG_CHARS) return true;
      }
    }
    return false;
  }

  /** Aligns new[cN..limit) against the pending original and settles what the rules allow. */
  private advance(limit: number): { hunks: Hunk[]; end: number } {
    const T = limit - this.cN;
    // Inserting all T lines costs INS_COST·T; an end further than that many deletions past the
    // T lines that could match can't do better.
    const W = Math.min(this.A.length - this.cO, T + Math.ceil((INS_COST * T) / DEL_COST));
    const r = this.head.align(this.A, this.cO, this.cO + W, this.B, this.cN, limit);
    let hunks = r.hunks;
    const end = r.end;

    // Settle up to the end of the last qualifying run of equal lines.
    let cut = -1, px = 0, py = 0;
    let x = this.cO, y = this.cN;
    for (let i = 0; i <= hunks.length; i++) {
      const ex = i < hunks.length ? hunks[i].oldStart : end;
      // Only the part of the run at least LOOKAHEAD lines behind the head counts.
      const len = Math.min(ex - x, limit - LOOKAHEAD - y);
      if (len > 0 && this.qualifies(y, len)) { cut = i; px = x + len; py = y + len; }
      if (i < hunks.length) { x = hunks[i].oldEnd; y = hunks[i].newEnd; }
    }
    if (cut >= 0) {
      for (let i = 0; i < cut; i++) this.settle(hunks[i]);
      this.cO = px;
      this.cN = py;
      hunks = hunks.slice(cut);
    }

    // Bound the unsettled tail: settle the older part as currently aligned.
    if (limit - this.cN >= TAIL_CAP) {
      const j = limit - TAIL_KEEP;
      x = this.cO; y = this.cN;
      let i = 0;
      for (; i < hunks.length; i++) {
        const h = hunks[i];
        if (j <= h.newStart) break;
        if (j < h.newEnd) {
          this.settle({ oldStart: h.oldStart, oldEnd: h.oldEnd, newStart: h.newStart, newEnd: j });
          hunks = [{ oldStart: h.oldEnd, oldEnd: h.oldEnd, newStart: j, newEnd: h.newEnd }, ...hunks.slice(i + 1)];
          this.cO = h.oldEnd;
          this.cN = j;
          return { hunks, end };
        }
        this.settle(h);
        x = h.oldEnd; y = h.newEnd;
      }
      hunks = hunks.slice(i);
      this.cO = x + (j - y);
      this.cN = j;
    }
    return { hunks, end };
  }

  private settle(h: Hunk): void {
    const s = this.settled;
    const last = s.length > 0 ? s[s.length - 1] : undefined;
    if (last !== undefined && last.oldEnd === h.oldStart && last.newEnd === h.newStart) {
      s[s.length - 1] = Object.freeze({ oldStart: last.oldStart, oldEnd: h.oldEnd, newStart: last.newStart, newEnd: h.newEnd });
    } else {
      s.push(Object.freeze({ oldStart: h.oldStart, oldEnd: h.oldEnd, newStart: h.newStart, newEnd: h.newEnd }));
    }
  }
}

/**
 * Weights of the streaming (head) alignment. A removed original line costs half an added new
 * line: at the end of a complete answer every original line is either matched or removed, so
 * leaving one pending is not free. Measured on code-like edits without moves (last frame vs final
 * diff, 1,200 cases): 1:2 instead of 1:1 raised the no-redraw rate from 80% to 93% at 10% of lines
 * edited, 39% to 71% at 30%, 4% to 44% at 50%, and settled lines changed at the end in 1% instead
 * of 43% of the 50% cases; the price is more head flicker (0.26% → 0.45% of shown line states
 * changing between frames, and some removed → pending retractions on unrelated texts).
 */
const DEL_COST = 1;
const INS_COST = 2;

/**
 * Semi-global weighted alignment of the unsettled tail: B[bLo..bHi) against the best prefix
 * A[aLo..end) (A's tail after end stays pending), minimising DEL_COST·deleted + INS_COST·inserted;
 * among equal costs the smallest end. Exact dynamic programme over the (bounded) window, with
 * reusable buffers; O(window × tail) time.
 */
class HeadAligner {
  private dir: Uint8Array = new Uint8Array(0);
  private rowA: Int32Array = new Int32Array(0);
  private rowB: Int32Array = new Int32Array(0);

  align(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number): { hunks: Hunk[]; end: number } {
    // A common prefix is matched in any optimal alignment (indel costs are positive).
    let p = 0;
    while (aLo + p < aHi && bLo + p < bHi && A[aLo + p] === B[bLo + p]) p++;
    if (bLo + p === bHi) return { hunks: [], end: aLo + p };
    const x0 = aLo + p, y0 = bLo + p;
    const w = aHi - x0, h = bHi - y0, W = w + 1;
    if (this.dir.length < W * (h + 1)) this.dir = new Uint8Array(Math.max(W * (h + 1), this.dir.length * 2));
    if (this.rowA.length < W) { this.rowA = new Int32Array(Math.max(W, this.rowA.length * 2)); this.rowB = new Int32Array(this.rowA.length); }
    const dir = this.dir;
    let prev = this.rowA, cur = this.rowB;
    for (let i = 0; i <= w; i++) { prev[i] = i * DEL_COST; dir[i] = 1; }
    for (let j = 1; j <= h; j++) {
      const bj = B[y0 + j - 1], row = j * W;
      cur[0] = j * INS_COST;
      dir[row] = 2;
      for (let i = 1; i <= w; i++) {
        let best = cur[i - 1] + DEL_COST, d = 1;
        const up = prev[i] + INS_COST;
        if (up < best) { best = up; d = 2; }
        if (A[x0 + i - 1] === bj && prev[i - 1] <= best) { best = prev[i - 1]; d = 0; }
        cur[i] = best;
        dir[row + i] = d;
      }
      const t = prev; prev = cur; cur = t;
    }
    let e = 0;
    for (let k = 1; k <= w; k++) if (prev[k] < prev[e]) e = k;
    // Trace back, collecting hunks from the end.
    const rev: Hunk[] = [];
    let i = e, j = h, oe = -1, ne = -1;
    while (i > 0 || j > 0) {
      const d = dir[j * W + i];
      if (d === 0) {
        if (oe >= 0) { rev.push({ oldStart: x0 + i, oldEnd: oe, newStart: y0 + j, newEnd: ne }); oe = -1; }
        i--; j--;
      } else {
        if (oe < 0) { oe = x0 + i; ne = y0 + j; }
        if (d === 1) i--; else j--;
      }
    }
    if (oe >= 0) rev.push({ oldStart: x0, oldEnd: oe, newStart: y0, newEnd: ne });
    rev.reverse();
    return { hunks: compactHunks(rev, A, aLo, x0 + e, B, bLo, bHi), end: x0 + e };
  }
}

/** a followed by b (b starts where a's region ends), merging a hunk pair that touches. New array. */
function concatHunks(a: readonly Hunk[], b: readonly Hunk[]): Hunk[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const la = a[a.length - 1], fb = b[0];
  if (la.oldEnd === fb.oldStart && la.newEnd === fb.newStart) {
    const out = a.slice(0, -1);
    out.push({ oldStart: la.oldStart, oldEnd: fb.oldEnd, newStart: la.newStart, newEnd: fb.newEnd });
    for (let i = 1; i < b.length; i++) out.push(b[i]);
    return out;
  }
  return a.concat(b);
}

/** An alignment: hunks over old[0..end) × new[0..m); end = n for a global diff. */
export interface AlignedPath { hunks: readonly Hunk[]; end: number }

interface Columns { lo: Int32Array; hi: Int32Array; base: Int32Array }

/**
 * For each old index (column) c, the rows j such that (c, j) lies on the path (hunks are boxes that
 * may be crossed by any monotone route), and base[c] such that the cost of the path up to (c, j)
 * is base[c] + j. Within one column the route only moves vertically, so base is one number.
 */
function columnsOf(p: AlignedPath, n: number, m: number, freeTail: boolean): Columns {
  const lo = new Int32Array(n + 1).fill(0x7fffffff), hi = new Int32Array(n + 1).fill(-1), base = new Int32Array(n + 1);
  let x = 0, y = 0, mb = 0;
  const diag = (len: number): void => {
    for (let t = 0; t <= len; t++) {
      const c = x + t, j = y + t;
      if (j < lo[c]) lo[c] = j;
      if (j > hi[c]) hi[c] = j;
      base[c] = c - 2 * (mb + t);
    }
    x += len; y += len; mb += len;
  };
  for (const h of p.hunks) {
    diag(h.oldStart - x);
    for (let c = h.oldStart; c <= h.oldEnd; c++) {
      if (h.newStart < lo[c]) lo[c] = h.newStart;
      if (h.newEnd > hi[c]) hi[c] = h.newEnd;
      base[c] = c - 2 * mb;
    }
    x = h.oldEnd; y = h.newEnd;
  }
  diag(p.end - x);
  if (freeTail) {
    for (let c = p.end; c <= n; c++) {
      if (m < lo[c]) lo[c] = m;
      if (m > hi[c]) hi[c] = m;
      base[c] = p.end - 2 * mb;
    }
  }
  return { lo, hi, base };
}

/** Equal runs of a path as flat triples (x, y, len). */
function runsOf(p: AlignedPath, m: number): number[] {
  const r: number[] = [];
  let x = 0, y = 0;
  for (const h of p.hunks) {
    if (h.oldStart > x) r.push(x, y, h.oldStart - x);
    x = h.oldEnd; y = h.newEnd;
  }
  if (p.end > x && m > y) r.push(x, y, Math.min(p.end - x, m - y));
  return r;
}

/** Cells (old × new lines) the closest-route search may visit in one finish() before it falls back to the minimal diff's route. */
const SPLICE_DP_BUDGET = 4_000_000;

/**
 * Splices two alignments of the same texts: `keep` (what the user saw) and `min` (a minimal one).
 * Walks the points where both can pass, in order; between two consecutive such points, keep's
 * route is used when it costs no more than min's (then it is optimal there too). Where it costs
 * more, the stretch (consecutive such segments merged) is re-routed by a small dynamic programme:
 * among the optimal routes of that box, the one keeping most of keep's matched line pairs (boxes
 * over the budget take min's route). The result costs the same as `min` and differs from `keep`
 * only where keep was not optimal. freeTail: semi-global alignments (old lines after `end` are
 * free, i.e. not reached). O(n + m + hunks + DP cells).
 */
export function splicePaths(A: Int32Array, B: Int32Array, keep: AlignedPath, min: AlignedPath, n: number, m: number, freeTail: boolean): { hunks: Hunk[]; end: number } {
  const S = columnsOf(keep, n, m, freeTail), M = columnsOf(min, n, m, freeTail);
  const runs = [runsOf(keep, m), runsOf(min, m)];
  const ptr = [0, 0];
  const out: number[] = [];
  const emitRun = (sx: number, sy: number, sl: number): void => {
    const k = out.length;
    if (k > 0 && out[k - 3] + out[k - 1] === sx && out[k - 2] + out[k - 1] === sy) out[k - 1] += sl;
    else out.push(sx, sy, sl);
  };
  /** Emits path w's matches inside the box (pi, pj)..(qi, qj); both corners lie on that path. */
  const emitPath = (w: number, pi: number, pj: number, qi: number, qj: number): void => {
    const rs = runs[w];
    let r = ptr[w];
    while (r < rs.length && (rs[r] + rs[r + 2] <= pi || rs[r + 1] + rs[r + 2] <= pj)) r += 3;
    ptr[w] = r;
    for (; r < rs.length; r += 3) {
      const x = rs[r], y = rs[r + 1], len = rs[r + 2];
      if (x >= qi || y >= qj) break;
      const tlo = Math.max(0, pi - x, pj - y), thi = Math.min(len, qi - x, qj - y);
      if (tlo < thi) emitRun(x + tlo, y + tlo, thi - tlo);
    }
  };
  let partner: Int32Array | undefined; // keep's match of each old line, built on first use
  let budget = SPLICE_DP_BUDGET;
  /** Re-routes a box where keep is not optimal: an optimal route keeping most of keep's pairs. */
  const reroute = (pi: number, pj: number, qi: number, qj: number): void => {
    const w = qi - pi, h = qj - pj, cells = (w + 1) * (h + 1);
    if (cells > budget) { emitPath(1, pi, pj, qi, qj); return; }
    budget -= cells;
    if (partner === undefined) {
      partner = new Int32Array(n).fill(-1);
      const rs = runs[0];
      for (let r = 0; r < rs.length; r += 3) for (let t = 0; t < rs[r + 2]; t++) partner[rs[r] + t] = rs[r + 1] + t;
    }
    const freeEnd = freeTail && qj === m; // on the last row: old lines after the end are free
    const route = closestRoute(A, B, partner, pi, pj, qi, qj, freeEnd);
    // As hunks of the box, compacted like any diff of ours, then back to runs.
    const box: Hunk[] = [];
    let x = pi, y = pj;
    for (let k = route.runs.length - 3; k >= 0; k -= 3) {
      const rx = route.runs[k], ry = route.runs[k + 1];
      if (rx > x || ry > y) box.push({ oldStart: x, oldEnd: rx, newStart: y, newEnd: ry });
      x = rx + route.runs[k + 2]; y = ry + route.runs[k + 2];
    }
    if (x < route.end || y < qj) box.push({ oldStart: x, oldEnd: route.end, newStart: y, newEnd: qj });
    x = pi; y = pj;
    for (const h of compactHunks(box, A, pi, route.end, B, pj, qj)) {
      if (h.oldStart > x) emitRun(x, y, h.oldStart - x);
      x = h.oldEnd; y = h.newEnd;
    }
    if (route.end > x) emitRun(x, y, route.end - x);
  };

  // The common points, in order; each segment between two is taken from keep or from min.
  let pi = 0, pj = 0;       // previous common point (the origin is common to both)
  let bi = -1, bj = -1;     // start of the pending stretch where keep is not optimal (-1: none)
  let lastJ = 0;
  const segment = (qi: number, qj: number): void => {
    const keepOk = S.base[qi] + qj - (S.base[pi] + pj) <= M.base[qi] + qj - (M.base[pi] + pj);
    if (keepOk) {
      if (bi >= 0) { reroute(bi, bj, pi, pj); bi = -1; }
      emitPath(0, pi, pj, qi, qj);
    } else if (bi < 0) {
      bi = pi; bj = pj;
    }
    pi = qi; pj = qj;
  };
  for (let c = 0; c <= n; c++) {
    let L = Math.max(S.lo[c], M.lo[c]);
    const H = Math.min(S.hi[c], M.hi[c]);
    if (L < lastJ) L = lastJ;
    if (L > H) continue;
    if (c !== pi || L !== pj) segment(c, L);
    if (H > L) segment(c, H);
    lastJ = H;
  }
  if (bi >= 0) reroute(bi, bj, pi, pj);

  // Runs → hunks.
  const hunks: Hunk[] = [];
  let x = 0, y = 0;
  for (let k = 0; k < out.length; k += 3) {
    if (out[k] > x || out[k + 1] > y) hunks.push({ oldStart: x, oldEnd: out[k], newStart: y, newEnd: out[k + 1] });
    x = out[k] + out[k + 2]; y = out[k + 1] + out[k + 2];
  }
  let end: number;
  if (freeTail) {
    end = x;
    if (y < m) hunks.push({ oldStart: x, oldEnd: x, newStart: y, newEnd: m });
  } else {
    end = n;
    if (x < n || y < m) hunks.push({ oldStart: x, oldEnd: n, newStart: y, newEnd: m });
  }
  return { hunks, end };
}

/**
 * Among the minimal routes from (pi, pj) to (qi, qj) (or, freeEnd, to the best (e, qj) on the last
 * row), the one using the most pairs (i, partner[i]). Plain O(w·h) dynamic programme on the score
 * edits·BIG − kept pairs. Returns the matched runs as (x, y, len) triples, LAST run first, and the
 * old index where the route reaches the box's last row.
 */
function closestRoute(A: Int32Array, B: Int32Array, partner: Int32Array, pi: number, pj: number, qi: number, qj: number, freeEnd: boolean): { runs: number[]; end: number } {
  const w = qi - pi, h = qj - pj, W = w + 1;
  const BIG = w + h + 2;
  const dir = new Uint8Array(W * (h + 1)); // 0 diagonal, 1 from the left (deletion), 2 from above (insertion)
  let prev = new Int32Array(W), cur = new Int32Array(W);
  for (let i = 0; i <= w; i++) { prev[i] = i * BIG; dir[i] = 1; }
  for (let j = 1; j <= h; j++) {
    const bj = B[pj + j - 1], row = j * W, ny = pj + j - 1;
    cur[0] = j * BIG;
    dir[row] = 2;
    for (let i = 1; i <= w; i++) {
      let best = cur[i - 1] + BIG, d = 1;
      const up = prev[i] + BIG;
      if (up < best) { best = up; d = 2; }
      const ox = pi + i - 1;
      if (A[ox] === bj) {
        const diag = prev[i - 1] - (partner[ox] === ny ? 1 : 0);
        if (diag <= best) { best = diag; d = 0; }
      }
      cur[i] = best;
      dir[row + i] = d;
    }
    const t = prev; prev = cur; cur = t;
  }
  // prev now holds the last row.
  let i = w;
  if (freeEnd) { i = 0; for (let k = 1; k <= w; k++) if (prev[k] < prev[i]) i = k; }
  const end = pi + i;
  let j = h;
  const runs: number[] = [];
  while (i > 0 || j > 0) {
    const d = dir[j * W + i];
    if (d === 0) {
      const k = runs.length;
      if (k > 0 && runs[k - 3] === pi + i && runs[k - 2] === pj + j) { runs[k - 3]--; runs[k - 2]--; runs[k - 1]++; }
      else runs.push(pi + i - 1, pj + j - 1, 1);
      i--; j--;
    } else if (d === 1) i--;
    else j--;
  }
  return { runs, end };
}
