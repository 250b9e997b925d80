// Synthetic but realistic inputs for the benchmarks: TypeScript-like code files, rewrites that
// change a given share of lines (edits, insertions, deletions), and a seeded PRNG.

export class Rng {
  private s: number;
  constructor(seed: number) { this.s = (Math.floor(seed) >>> 0) || 1; }
  next(): number {
    // mulberry32
    let t = (this.s += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
}

const NAMES = ['value', 'items', 'count', 'result', 'total', 'index', 'buffer', 'request', 'response', 'config', 'user', 'order'];
const CALLS = ['compute', 'parse', 'render', 'validate', 'fetchData', 'transform', 'normalize', 'encode'];

function statement(rng: Rng, i: number): string {
  const a = rng.pick(NAMES), b = rng.pick(NAMES), f = rng.pick(CALLS);
  switch (rng.int(6)) {
    case 0: return `    const ${a}${i} = ${f}(${b}, ${rng.int(100)});`;
    case 1: return `    if (${a}.length > ${rng.int(50)}) {`;
    case 2: return `      ${b}.push(${f}(${a}[${rng.int(9)}]));`;
    case 3: return '    }';
    case 4: return `    // ${f} the ${a} before using ${b}`;
    default: return `    ${a} = ${a} + ${b}.${f}(${rng.int(1000)});`;
  }
}

/** A code file of `n` lines: functions of ~12 lines, with an optional pseudocode block every k lines. */
export function codeFile(n: number, rng: Rng, opts: { pseudocodeEvery?: number } = {}): string[] {
  const out: string[] = [];
  let fn = 0;
  while (out.length < n) {
    if (opts.pseudocodeEvery && out.length % opts.pseudocodeEvery < 14 && out.length > 0 && out.length % opts.pseudocodeEvery === 0) {
      out.push('// fetch the orders for the user:', '// filter out cancelled orders', '// sum the totals', '// return the sum rounded to cents', '');
    }
    out.push(`export function ${rng.pick(CALLS)}${fn++}(${rng.pick(NAMES)}: number[]): number {`);
    for (let i = 0; i < 10; i++) out.push(statement(rng, out.length));
    out.push('    return 0;', '}', '');
  }
  return out.slice(0, n);
}

/** A rewrite of `lines` with about `share` of its lines changed (mostly edits, some insertions and deletions). */
export function rewrite(lines: readonly string[], share: number, rng: Rng): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (rng.next() >= share) { out.push(lines[i]); continue; }
    const r = rng.next();
    if (r < 0.7) out.push(lines[i].replace(/\d+/, m => String(Number(m) + 1)).replace(/;$/, '; // changed'));
    else if (r < 0.85) out.push(lines[i], statement(rng, i));
    // else: deleted
  }
  return out;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
