// Speed of the pseudocode detector (printed, not asserted): it runs on every keystroke for the
// CodeLens, so a full scan of a realistic 5,000-line file should stay within a few milliseconds.
// The files are generated deterministically: classes and functions with JSDoc / docstrings, line
// comments explaining code, commented-out code, licence header, template literals / triple-quoted
// strings, and a few real pseudocode blocks.

import * as assert from 'assert';
import { detectPseudocode } from '../../src/core/pseudocode/detect';

class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0 || 1; }
  next(): number { this.s ^= this.s << 13; this.s ^= this.s >>> 17; this.s ^= this.s << 5; return (this.s >>> 0) / 4294967296; }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
}

const NAMES = ['user', 'order', 'item', 'total', 'price', 'cart', 'config', 'result', 'value', 'index', 'cache', 'request', 'response', 'count'];
const EXPLAIN = [
  'Keep the previous value so the diff can be undone',
  'The server may return an empty list here',
  'Guard against negative quantities from old clients',
  'This mirrors the behaviour of the legacy API',
  'Cache the result: the lookup is slow',
];
const PSEUDO = [
  ['look up the customer by id', 'if the customer is inactive, throw an error', 'otherwise return the discounted total'],
  ['sort the orders by date', 'group them by month', 'return the monthly totals'],
];

export function tsFile(lines: number, seed = 1): string[] {
  const r = new Rng(seed);
  const out: string[] = [
    '/*', ' * Copyright (c) 2024 Example Corp.', ' * Licensed under the MIT License.', ' */', '',
    "import { readFile } from 'fs/promises';", "import * as path from 'path';", '',
  ];
  let k = 0;
  while (out.length < lines) {
    const a = r.pick(NAMES), b = r.pick(NAMES);
    out.push('/**', ` * Computes the ${a} for the given ${b}.`, ` * @param ${b} the ${b}`, ` * @returns the ${a}`, ' */');
    out.push(`export function compute${k}(${b}: number[], options: Options = {}): number {`);
    for (let s = 0, n = 6 + r.int(14); s < n; s++) {
      const x = r.int(10);
      if (x === 0) out.push(`  // ${r.pick(EXPLAIN)}`);
      if (x === 1) out.push(`  // const ${a}Old = ${b}.map((v) => v * 2);`);
      if (x === 2) out.push('  const msg = `value ${' + a + '} is out of range for ' + b + '`;');
      out.push(...r.pick([
        `  const ${a}${s} = ${b}.reduce((acc, v) => acc + v * ${s}, 0);`,
        `  if (${a}${s % 3} > options.limit ?? 10) {\n    throw new Error('${a} exceeds the limit: ' + String(${b}.length));\n  }`,
        `  for (let i = 0; i < ${b}.length; i++) { total += ${b}[i]; }`,
        `  ${a}Map.set(${b}[0], { id: ${s}, name: "${a}", tags: ['x', 'y'] });`,
        `  return ${a}${s} / Math.max(1, ${b}.length);`,
      ]).split('\n'));
    }
    out.push('  return 0;', '}', '');
    if (k % 40 === 7) {
      // a function still to be written: pseudocode in its body
      out.push(`export function pending${k}(${b}: number[]): number {`);
      for (const step of r.pick(PSEUDO)) out.push(`  // ${step}`);
      out.push('}', '');
    }
    k++;
  }
  out.length = lines;
  return out;
}

export function pyFile(lines: number, seed = 2): string[] {
  const r = new Rng(seed);
  const out: string[] = ['#!/usr/bin/env python3', '# -*- coding: utf-8 -*-', '"""Module docstring: helpers for reports."""', '', 'import os', 'import sys', ''];
  let k = 0;
  while (out.length < lines) {
    const a = r.pick(NAMES), b = r.pick(NAMES);
    out.push('', `def compute_${k}(${b}, limit=10):`, `    """Compute the ${a} of ${b}.`, '', '    Args:', `        ${b}: the input values`, '    """');
    for (let s = 0, n = 5 + r.int(12); s < n; s++) {
      const x = r.int(10);
      if (x === 0) out.push(`    # ${r.pick(EXPLAIN)}`);
      if (x === 1) out.push(`    # ${a}_old = [v * 2 for v in ${b}]`);
      if (x === 2) out.push(`    sql = """`, `        SELECT ${a} FROM ${b}`, `        WHERE id = %s  -- one row`, `    """`);
      out.push(...r.pick([
        `    ${a}_${s} = sum(v * ${s} for v in ${b})`,
        `    if ${a}_${s % 3} > limit:\n        raise ValueError(f"${a} exceeds the limit: {len(${b})}")`,
        `    for i, v in enumerate(${b}):\n        total += v  # running total`,
        `    ${a}_map[${b}[0]] = {"id": ${s}, "name": '${a}', "tags": ["x", "y"]}`,
      ]).split('\n'));
    }
    out.push(`    return ${a}_0 if ${b} else None`);
    if (k % 40 === 11) {
      out.push('', '', `def pending_${k}(${b}):`);
      for (const step of r.pick(PSEUDO)) out.push(`    # ${step}`);
    }
    k++;
  }
  out.length = lines;
  return out;
}

/** Functions named pending… hold the planted pseudocode. */
function planted(lines: string[]): number {
  return lines.filter((l) => /\bpending_?\d+\(/.test(l)).length;
}

function medianMs(lines: string[], lang: string, runs: number): { median: number; max: number; blocks: number } {
  let blocks = 0;
  for (let i = 0; i < 5; i++) blocks = detectPseudocode(lines, lang).length; // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    detectPseudocode(lines, lang);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return { median: times[runs >> 1], max: times[runs - 1], blocks };
}

describe('pseudocode detector: speed (printed, not asserted)', () => {
  it('stays linear on pathological 5,000-line inputs (every line a candidate)', function () {
    this.timeout(120000);
    const N = 5000;
    const cases: [string, string[], string][] = [
      ['comment / blank alternating', Array.from({ length: N }, (_, i) => (i % 2 ? '' : '# sort the list and return the middle')), 'python'],
      ['comments at 7 different columns', Array.from({ length: N }, (_, i) => ' '.repeat(i % 7) + '// sort the list'), 'typescript'],
      ['comment / pass alternating', Array.from({ length: N }, (_, i) => (i % 2 ? '    pass' : '    # sort the list')), 'python'],
      ['one 5,000-line comment run', Array.from({ length: N }, (_, i) => '// sort the list and return item ' + i), 'typescript'],
      ['5,000 prose lines', Array.from({ length: N }, () => 'sort the list and return the middle element'), 'python'],
      ['a 1 MB minified line', ['var a=' + 'function(b){return b+1},'.repeat(40000) + '0;'], 'javascript'],
    ];
    for (const [name, lines, lang] of cases) {
      const { median } = medianMs(lines, lang, 10);
      console.log(`      ${name}: median ${median.toFixed(2)} ms`);
    }
  });

  it('scans a 5,000-line TypeScript file and a 5,000-line Python file (median of 50 runs)', function () {
    this.timeout(120000);
    for (const [name, lines, lang] of [['TypeScript', tsFile(5000), 'typescript'], ['Python', pyFile(5000), 'python']] as const) {
      const { median, max, blocks } = medianMs(lines, lang, 50);
      const comments = lines.filter((l) => /^\s*(?:\/\/|#|\/\*|\*)/.test(l)).length;
      console.log(`      ${name}: ${lines.length} lines (${comments} comment lines), ${blocks} blocks, median ${median.toFixed(2)} ms, max ${max.toFixed(2)} ms`);
      assert.strictEqual(blocks, planted(lines), 'exactly the planted pseudocode blocks are found');
    }
  });
});
