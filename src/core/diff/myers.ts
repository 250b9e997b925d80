// Minimal line diff: Myers' O(ND) algorithm in linear space (middle-snake divide and conquer), on
// lines interned to integers. Pure TypeScript, no `vscode` import: shared by the streaming diff
// (streamDiff.ts) and anything else that needs a line diff.
//
// Conventions used throughout src/core/diff:
//  - A Hunk replaces old[oldStart..oldEnd) by new[newStart..newEnd). Hunk lists are sorted,
//    non-overlapping and non-adjacent (at least one equal line between two hunks), so the lines
//    between consecutive hunks pair up one to one as equal lines.
//  - The "size" (cost) of a diff is Σ (oldEnd-oldStart) + (newEnd-newStart): lines removed + added.
//  - Among the many minimal diffs, the one returned keeps hunks compact: pure insertions/deletions
//    that can slide along repeated lines are slid to merge with a neighbouring hunk when possible,
//    and otherwise as far down as possible (the GNU diff / git convention, which puts a block added
//    between `}` / blank-line separated blocks after the separator rather than astride it). Inside
//    the search, ties prefer a deletion step, so a change reads as removed lines then added lines.
//  - Speed: common prefix and suffix are trimmed first; on large inputs, lines that occur on one
//    side only (every changed line, usually) are set aside before the search, as GNU diff does:
//    they are changes in every diff, so the LCS of the rest is the LCS of the whole and the result
//    stays minimal. 5,000 × 5,000 lines with half of them changed: ~20 ms (~70 ms when no line is
//    unique); see test/unit/diffMyers.test.ts.

/** A change: old[oldStart..oldEnd) replaced by new[newStart..newEnd). Lines between consecutive hunks are equal. */
export interface Hunk { oldStart: number; oldEnd: number; newStart: number; newEnd: number }

/** Maps line text to small integers so comparisons are integer compares. */
export class LineInterner {
  private readonly ids = new Map<string, number>();
  id(line: string): number {
    let v = this.ids.get(line);
    if (v === undefined) {
      v = this.ids.size;
      this.ids.set(line, v);
    }
    return v;
  }
  intern(lines: readonly string[]): Int32Array {
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) out[i] = this.id(lines[i]);
    return out;
  }
}

/** Σ removed + added lines of a hunk list. */
export function diffSize(hunks: readonly Hunk[]): number {
  let s = 0;
  for (const h of hunks) s += h.oldEnd - h.oldStart + (h.newEnd - h.newStart);
  return s;
}

/**
 * Myers' algorithm over integer sequences, with reusable work buffers (one instance per user;
 * not re-entrant). All coordinates are absolute indices into the arrays given.
 */
export class MyersEngine {
  private fd: Int32Array = new Int32Array(0);
  private bd: Int32Array = new Int32Array(0);
  private A: Int32Array = new Int32Array(0);
  private B: Int32Array = new Int32Array(0);
  private out: Hunk[] = [];
  private dOff = 0;
  private splitX = 0;
  private splitY = 0;

  private prepare(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number): void {
    const size = aHi - aLo + (bHi - bLo) + 3;
    if (this.fd.length < size) {
      const cap = Math.max(size, this.fd.length * 2, 64);
      this.fd = new Int32Array(cap);
      this.bd = new Int32Array(cap);
    }
    this.A = A;
    this.B = B;
    // Diagonal d = x - y lies in [aLo - bHi, aHi - bLo]; one extra slot each side for sentinels.
    this.dOff = bHi - aLo + 1;
  }

  /** Minimal diff of A[aLo..aHi) vs B[bLo..bHi) as raw (un-compacted) hunks, appended to `out`. */
  diffRaw(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number, out: Hunk[]): void {
    this.prepare(A, aLo, aHi, B, bLo, bHi);
    this.out = out;
    this.compare(aLo, aHi, bLo, bHi);
    this.out = [];
  }

  /** Minimal diff of A[aLo..aHi) vs B[bLo..bHi), compacted within that rectangle. */
  diff(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number): Hunk[] {
    const raw: Hunk[] = [];
    let lo = aLo, hi = aHi, blo = bLo, bhi = bHi;
    while (lo < hi && blo < bhi && A[lo] === B[blo]) { lo++; blo++; }
    while (hi > lo && bhi > blo && A[hi - 1] === B[bhi - 1]) { hi--; bhi--; }
    const r = hi - lo + (bhi - blo) >= REDUCE_MIN ? reduceUnmatched(A, lo, hi, B, blo, bhi) : undefined;
    if (r === undefined) {
      this.diffRaw(A, lo, hi, B, blo, bhi, raw);
    } else {
      // Lines with no counterpart on the other side are changes in every diff: diff the rest
      // (same LCS, hence still minimal) and map the matched pairs back.
      const red: Hunk[] = [];
      this.diffRaw(r.A, 0, r.A.length, r.B, 0, r.B.length, red);
      let i = 0, j = 0; // reduced cursor
      let px = lo, py = blo; // next unmatched full position
      const pushMatch = (fx: number, fy: number): void => {
        if (fx > px || fy > py) raw.push({ oldStart: px, oldEnd: fx, newStart: py, newEnd: fy });
        px = fx + 1;
        py = fy + 1;
      };
      for (let k = 0; k <= red.length; k++) {
        const ei = k < red.length ? red[k].oldStart : r.A.length;
        for (; i < ei; i++, j++) pushMatch(r.amap[i], r.bmap[j]);
        if (k < red.length) { i = red[k].oldEnd; j = red[k].newEnd; }
      }
      if (hi > px || bhi > py) raw.push({ oldStart: px, oldEnd: hi, newStart: py, newEnd: bhi });
    }
    return compactHunks(raw, A, aLo, aHi, B, bLo, bHi);
  }

  /** Size of a minimal diff (lines removed + added), without building it (one middle-snake search). */
  distance(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number): number {
    while (aLo < aHi && bLo < bHi && A[aLo] === B[bLo]) { aLo++; bLo++; }
    while (aHi > aLo && bHi > bLo && A[aHi - 1] === B[bHi - 1]) { aHi--; bHi--; }
    if (aLo === aHi || bLo === bHi) return aHi - aLo + (bHi - bLo);
    if (aHi - aLo + (bHi - bLo) >= REDUCE_MIN) {
      const r = reduceUnmatched(A, aLo, aHi, B, bLo, bHi);
      if (r !== undefined) {
        const dropped = aHi - aLo - r.A.length + (bHi - bLo - r.B.length);
        return dropped + this.distance(r.A, 0, r.A.length, r.B, 0, r.B.length);
      }
    }
    this.prepare(A, aLo, aHi, B, bLo, bHi);
    return this.split(aLo, aHi, bLo, bHi);
  }

  private emit(os: number, oe: number, ns: number, ne: number): void {
    const out = this.out;
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (last !== undefined && last.oldEnd === os && last.newEnd === ns) {
      last.oldEnd = oe;
      last.newEnd = ne;
    } else {
      out.push({ oldStart: os, oldEnd: oe, newStart: ns, newEnd: ne });
    }
  }

  /** Divide and conquer; emits changes left to right (so `out` stays sorted). */
  private compare(xoff: number, xlim: number, yoff: number, ylim: number): void {
    const A = this.A, B = this.B;
    while (xoff < xlim && yoff < ylim && A[xoff] === B[yoff]) { xoff++; yoff++; }
    while (xlim > xoff && ylim > yoff && A[xlim - 1] === B[ylim - 1]) { xlim--; ylim--; }
    if (xoff === xlim) {
      if (yoff < ylim) this.emit(xoff, xoff, yoff, ylim);
      return;
    }
    if (yoff === ylim) {
      this.emit(xoff, xlim, yoff, yoff);
      return;
    }
    this.split(xoff, xlim, yoff, ylim);
    const sx = this.splitX, sy = this.splitY;
    this.compare(xoff, sx, yoff, sy);
    this.compare(sx, xlim, sy, ylim);
  }

  /**
   * Middle snake of a trimmed box (first and last lines differ, both sides non-empty): sets
   * splitX/splitY to a point on a minimal path and returns the minimal cost of the box.
   * Forward and backward searches in the GNU diff style; on ties the forward search prefers a
   * deletion (x step), so deletions come before insertions inside a change.
   */
  private split(xoff: number, xlim: number, yoff: number, ylim: number): number {
    const A = this.A, B = this.B, fd = this.fd, bd = this.bd, o = this.dOff;
    const dmin = xoff - ylim, dmax = xlim - yoff;
    const fmid = xoff - yoff, bmid = xlim - ylim;
    let fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[fmid + o] = xoff;
    bd[bmid + o] = xlim;
    for (let c = 1; ; c++) {
      // Forward search: one more edit step on every active diagonal.
      if (fmin > dmin) fd[--fmin - 1 + o] = -1; else ++fmin;
      if (fmax < dmax) fd[++fmax + 1 + o] = -1; else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const tlo = fd[d - 1 + o], thi = fd[d + 1 + o];
        let x = tlo < thi ? thi : tlo + 1;
        let y = x - d;
        while (x < xlim && y < ylim && A[x] === B[y]) { x++; y++; }
        fd[d + o] = x;
        if (odd && bmin <= d && d <= bmax && bd[d + o] <= x) {
          this.splitX = x;
          this.splitY = y;
          return 2 * c - 1;
        }
      }
      // Backward search.
      if (bmin > dmin) bd[--bmin - 1 + o] = 0x7fffffff; else ++bmin;
      if (bmax < dmax) bd[++bmax + 1 + o] = 0x7fffffff; else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const tlo = bd[d - 1 + o], thi = bd[d + 1 + o];
        let x = tlo < thi ? tlo : thi - 1;
        let y = x - d;
        while (x > xoff && y > yoff && A[x - 1] === B[y - 1]) { x--; y--; }
        bd[d + o] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[d + o]) {
          this.splitX = x;
          this.splitY = y;
          return 2 * c;
        }
      }
    }
  }

  /**
   * Semi-global alignment: the end e in [aLo..aHi] minimising the diff size of A[aLo..e) vs
   * B[bLo..bHi) (A's tail after e is free). Forward Myers, stopped at the first cost D at which a
   * furthest-reaching path consumes all of B; among the ends found at that D, the smallest (fewest
   * old lines consumed: the unreached part stays pending rather than shown as removed).
   * Cost O((N+M)·D) time, O(N+M) space.
   */
  prefixEnd(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number): { end: number; cost: number } {
    const N = aHi - aLo, M = bHi - bLo;
    if (M === 0) return { end: aLo, cost: 0 };
    const size = N + M + 3;
    if (this.fd.length < size) {
      const cap = Math.max(size, this.fd.length * 2, 64);
      this.fd = new Int32Array(cap);
      this.bd = new Int32Array(cap);
    }
    const V = this.fd, o = M + 1; // diagonal k = x - y in [-M, N]
    V.fill(-1, 0, size);
    for (let D = 0; D <= M; D++) {
      const kLo = Math.max(-D, -M), kHi = Math.min(D, N);
      let best = -1;
      // k must have the parity of D.
      for (let k = ((kLo + D) & 1) === 0 ? kLo : kLo + 1; k <= kHi; k += 2) {
        let x: number;
        if (D === 0) {
          x = 0;
        } else {
          const down = V[k + 1 + o];              // from diagonal k+1: insertion (y step)
          const right = V[k - 1 + o];             // from diagonal k-1: deletion (x step)
          const xr = right >= 0 && right + 1 <= N ? right + 1 : -1;
          const xd = down >= 0 && down - k <= M ? down : -1;
          x = xr > xd ? xr : xd;
          if (x < 0) continue;
        }
        let y = x - k;
        while (x < N && y < M && A[aLo + x] === B[bLo + y]) { x++; y++; }
        V[k + o] = x;
        if (y === M && (best < 0 || x < best)) best = x;
      }
      if (best >= 0) return { end: aLo + best, cost: D };
    }
    /* istanbul ignore next: unreachable (inserting all of B costs M) */
    return { end: aLo, cost: M };
  }

  /** Minimal diff of B against the best prefix A[aLo..end) (see prefixEnd), compacted. */
  diffPrefix(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number): { hunks: Hunk[]; oldEnd: number; cost: number } {
    const { end, cost } = this.prefixEnd(A, aLo, aHi, B, bLo, bHi);
    const hunks = this.diff(A, aLo, end, B, bLo, bHi);
    return { hunks, oldEnd: end, cost };
  }
}

/** Below this many lines (both sides) the unmatched-line reduction is not worth its setup. */
const REDUCE_MIN = 64;

/**
 * The lines of A[aLo..aHi) that occur somewhere in B[bLo..bHi), and vice versa, with their
 * positions; undefined when that would drop less than 1/8 of the lines.
 */
function reduceUnmatched(A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number):
  { A: Int32Array; amap: Int32Array; B: Int32Array; bmap: Int32Array } | undefined {
  let maxId = 0;
  for (let i = aLo; i < aHi; i++) if (A[i] > maxId) maxId = A[i];
  for (let j = bLo; j < bHi; j++) if (B[j] > maxId) maxId = B[j];
  const seen = new Uint8Array(maxId + 1); // bit 1: in A, bit 2: in B
  for (let i = aLo; i < aHi; i++) seen[A[i]] |= 1;
  for (let j = bLo; j < bHi; j++) seen[B[j]] |= 2;
  let na = 0, nb = 0;
  for (let i = aLo; i < aHi; i++) if (seen[A[i]] === 3) na++;
  for (let j = bLo; j < bHi; j++) if (seen[B[j]] === 3) nb++;
  const total = aHi - aLo + (bHi - bLo);
  if ((total - na - nb) * 8 < total) return undefined;
  const rA = new Int32Array(na), amap = new Int32Array(na), rB = new Int32Array(nb), bmap = new Int32Array(nb);
  na = 0; nb = 0;
  for (let i = aLo; i < aHi; i++) if (seen[A[i]] === 3) { rA[na] = A[i]; amap[na++] = i; }
  for (let j = bLo; j < bHi; j++) if (seen[B[j]] === 3) { rB[nb] = B[j]; bmap[nb++] = j; }
  return { A: rA, amap, B: rB, bmap };
}

/**
 * Normalises a valid hunk list over the box A[aLo..aHi) × B[bLo..bHi) without changing its size:
 * a pure insertion or deletion can slide along the equal lines around it while the line leaving the
 * run equals the line entering it. Slide it to touch (and merge with) the previous or next hunk when
 * it can reach one; otherwise slide it as far down as it goes. Mixed hunks (both sides non-empty)
 * of a minimal diff cannot slide and are kept. Never moves anything outside the box.
 * Returns new hunk objects; the input is not modified.
 */
export function compactHunks(hunks: readonly Hunk[], A: Int32Array, aLo: number, aHi: number, B: Int32Array, bLo: number, bHi: number): Hunk[] {
  let hs: Hunk[] = hunks.map((h) => ({ oldStart: h.oldStart, oldEnd: h.oldEnd, newStart: h.newStart, newEnd: h.newEnd }));
  for (let pass = 0; pass < 8; pass++) {
    let merged = false;
    const out: Hunk[] = [];
    for (let i = 0; i < hs.length; i++) {
      const cur = hs[i];
      const isDel = cur.newStart === cur.newEnd;
      const isIns = cur.oldStart === cur.oldEnd;
      if (!isDel && !isIns) { out.push(cur); continue; }
      const prev = out.length > 0 ? out[out.length - 1] : undefined;
      let up = 0;
      if (isDel) {
        const lo = prev !== undefined ? prev.oldEnd : aLo;
        while (cur.oldStart - up > lo && A[cur.oldStart - up - 1] === A[cur.oldEnd - up - 1]) up++;
      } else {
        const lo = prev !== undefined ? prev.newEnd : bLo;
        while (cur.newStart - up > lo && B[cur.newStart - up - 1] === B[cur.newEnd - up - 1]) up++;
      }
      if (prev !== undefined && cur.oldStart - up === prev.oldEnd) {
        prev.oldEnd = cur.oldEnd - up;
        prev.newEnd = cur.newEnd - up;
        merged = true;
        continue;
      }
      const next = i + 1 < hs.length ? hs[i + 1] : undefined;
      let down = 0;
      if (isDel) {
        const hi = next !== undefined ? next.oldStart : aHi;
        while (cur.oldEnd + down < hi && A[cur.oldStart + down] === A[cur.oldEnd + down]) down++;
      } else {
        const hi = next !== undefined ? next.newStart : bHi;
        while (cur.newEnd + down < hi && B[cur.newStart + down] === B[cur.newEnd + down]) down++;
      }
      if (next !== undefined && cur.oldEnd + down === next.oldStart) {
        hs[i + 1] = { oldStart: cur.oldStart + down, oldEnd: next.oldEnd, newStart: cur.newStart + down, newEnd: next.newEnd };
        merged = true;
        continue;
      }
      cur.oldStart += down; cur.oldEnd += down; cur.newStart += down; cur.newEnd += down;
      out.push(cur);
    }
    hs = out;
    if (!merged) break;
  }
  return hs;
}

const shared = new MyersEngine();

/** Minimal line diff (fewest inserted + deleted lines), as sorted, non-overlapping, non-adjacent hunks. */
export function diffLines(a: readonly string[], b: readonly string[]): Hunk[] {
  const int = new LineInterner();
  const A = int.intern(a), B = int.intern(b);
  return shared.diff(A, 0, A.length, B, 0, B.length);
}

/** Minimal diff of b against a PREFIX of a chosen to minimise cost; a[end..] is left out (not deleted). Returns hunks and the chosen end. */
export function diffPrefix(a: readonly string[], b: readonly string[]): { hunks: Hunk[]; oldEnd: number } {
  const int = new LineInterner();
  const A = int.intern(a), B = int.intern(b);
  const r = shared.diffPrefix(A, 0, A.length, B, 0, B.length);
  return { hunks: r.hunks, oldEnd: r.oldEnd };
}
