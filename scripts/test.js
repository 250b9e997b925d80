#!/usr/bin/env node
// `npm test`: builds, then runs the three suites and ends with one `N passed, N failed` line.
//   unit         mocha in plain Node over src/core and the fake provider server (fast)
//   integration  mocha inside a real VS Code extension host (desktop VS Code or code-server)
//   e2e          the packaged .vsix installed into code-server, driven through the workbench
// `npm test -- unit e2e` runs only those. Installs what the VS Code suites need on first use.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const ALL = ['unit', 'integration', 'e2e'];
const wanted = process.argv.slice(2).filter(a => ALL.includes(a));
const suites = wanted.length ? wanted : ALL;
const bin = name => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout || '');
  return { status: r.status ?? 1, stdout: r.stdout || '' };
}

function counts(stdout, suite) {
  const m = [...stdout.matchAll(new RegExp(`^${suite}: (\\d+) passed, (\\d+) failed`, 'gm'))].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
}

function step(title, cmd, args) {
  console.log(`\n> ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { console.log(`${title} failed\n0 passed, 1 failed`); process.exit(1); }
}

const started = Date.now();
step('build (esbuild)', process.execPath, ['esbuild.js']);
step('compile tests (tsc)', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);
if (suites.some(s => s !== 'unit')) {
  console.log('\n> real VS Code (code-server + chromium), cached');
  require('./vscodeSetup').ensure();
}

const results = [];
for (const suite of suites) {
  console.log(`\n=== ${suite} ===`);
  const t0 = Date.now();
  let r;
  if (suite === 'unit') {
    r = run(process.execPath, [bin('mocha'), '--reporter', path.join(__dirname, 'mochaReporter.js'),
      '--timeout', '20000', 'out/test/unit/**/*.test.js'], { FAST_INLINE_SUITE: 'unit' });
  } else if (suite === 'integration') {
    // Trusted workspace, then Restricted Mode; one line for both.
    const trusted = run(process.execPath, [path.join(__dirname, 'runIntegration.js')]);
    const untrusted = run(process.execPath, [path.join(__dirname, 'runIntegration.js')], { FAST_INLINE_RESTRICTED: '1' });
    const a = counts(trusted.stdout, 'integration') || { passed: 0, failed: 1 };
    const b = counts(untrusted.stdout, 'integration \\(restricted mode\\)') || { passed: 0, failed: 1 };
    console.log(`integration: ${a.passed + b.passed} passed, ${a.failed + b.failed} failed`);
    r = { status: trusted.status || untrusted.status, stdout: `integration: ${a.passed + b.passed} passed, ${a.failed + b.failed} failed` };
  } else {
    const vsix = path.join(root, `fast-inline-${require('../package.json').version}.vsix`);
    const pack = spawnSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix],
      { cwd: root, stdio: 'inherit' });
    r = pack.status !== 0 ? { status: 1, stdout: 'e2e: 0 passed, 1 failed' }
      : run(process.execPath, [bin('mocha'), '--reporter', path.join(__dirname, 'mochaReporter.js'), '--timeout', '180000',
        'out/test/e2e/**/*.test.js'], { FAST_INLINE_SUITE: 'e2e', FAST_INLINE_VSIX: vsix });
  }
  const c = counts(r.stdout, suite) || { passed: 0, failed: 1 };
  if (r.status !== 0 && c.failed === 0) c.failed = 1; // crashed after reporting: still a failure
  results.push({ suite, ...c, seconds: (Date.now() - t0) / 1000 });
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.suite.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`(total ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
