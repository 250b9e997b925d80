#!/usr/bin/env node
// `npm run bench`: every benchmark on this machine, one table. Figures, their targets and, where a
// comparison exists, a ratio measured in the same run. Benchmarks report; they never fail a build.
//   npm run bench                 print the table
//   npm run bench -- --write      also write docs/BENCHMARKS.md
//   FAST_INLINE_BENCH_ONLY=render,speed npm run bench    only some of the VS Code benchmarks
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const write = process.argv.includes('--write');
const node = process.execPath;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (r.status !== 0) { process.stderr.write(r.stdout + r.stderr); throw new Error(`${path.basename(args[0] || cmd)} failed`); }
  return r.stdout;
}

/** Bundle size and what each dependency costs in it, from esbuild's metafile. */
async function bundleFigures() {
  const esbuild = require('esbuild');
  run(node, ['esbuild.js', '--production']);
  const result = await esbuild.build({
    entryPoints: ['src/extension.ts'], bundle: true, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'],
    minify: true, write: false, metafile: true, outfile: 'dist/extension.js',
    plugins: [{ name: 'lazy', setup(b) { b.onResolve({ filter: /^(gpt-tokenizer|openai)$/ }, a => ({ path: `./${a.path}.js`, external: true })); } }],
  });
  const out = Object.values(result.metafile.outputs).find(o => o.entryPoint);
  const byPackage = {};
  for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1] : 'fast-inline (own code)';
    byPackage[key] = (byPackage[key] || 0) + bytesInOutput;
  }
  const kib = b => b / 1024;
  const ext = fs.statSync(path.join(root, 'dist/extension.js')).size;
  const tok = fs.statSync(path.join(root, 'dist/tokenizer.js')).size;
  const sdk = fs.statSync(path.join(root, 'dist/openai.js')).size;
  const parts = Object.entries(byPackage).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${kib(v).toFixed(0)} KiB`).join(', ');
  run(node, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', path.join(os.tmpdir(), 'fast-inline-bench.vsix')]);
  const vsix = fs.statSync(path.join(os.tmpdir(), 'fast-inline-bench.vsix')).size;
  return [
    { name: 'bundle dist/extension.js (minified, read at activation)', value: Number(kib(ext).toFixed(0)), unit: 'KiB', target: '≤ 300 KiB', met: kib(ext) <= 300, note: parts },
    { name: 'lazy dist/openai.js (the SDK, read on the first request or the idle-time prewarm)', value: Number(kib(sdk).toFixed(0)), unit: 'KiB', target: 'not read at activation', met: true },
    { name: 'lazy dist/tokenizer.js (o200k ranks, read on the first stream or the prewarm)', value: Number(kib(tok).toFixed(0)), unit: 'KiB', target: 'not read at activation', met: true },
    { name: '.vsix size', value: Number(kib(vsix).toFixed(0)), unit: 'KiB', target: '≤ 1,500 KiB', met: kib(vsix) <= 1500 },
  ];
}

async function vscodeFigures() {
  const { FakeProvider } = require(path.join(root, 'out/test/server/fakeProvider.js'));
  const { runTests } = require('@vscode/test-electron');
  const server = await FakeProvider.start();
  const resultFile = path.join(os.tmpdir(), `fast-inline-bench-${process.pid}.json`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-inline-bench-ws-'));
  try {
    await runTests({
      vscodeExecutablePath: path.join(__dirname, 'code-server-as-vscode.sh'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/bench/vscode/index'),
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: { FAST_INLINE_BENCH_SERVER: server.url, FAST_INLINE_BENCH_RESULT: resultFile, FAST_INLINE_SUITE_TIMEOUT_MS: String(30 * 60 * 1000) },
    }).catch(() => undefined);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    for (const e of result.errors) console.error(`benchmark error: ${e}`);
    return { figures: result.figures, vscode: `${result.app} ${result.vscode}` };
  } finally {
    await server.close();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

function table(figures) {
  const rows = figures.map(f => [f.name, `${Number(f.value).toLocaleString('en-US')} ${f.unit}`, f.target ?? '—',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO', f.ratio ?? '', f.note ?? '']);
  const head = ['figure', 'value', 'target', 'met', 'comparison (same run)', 'notes'];
  return [head, head.map(() => '---'), ...rows].map(r => `| ${r.join(' | ')} |`).join('\n');
}

(async () => {
  console.log('> build and compile');
  run(node, ['esbuild.js']);
  run(node, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);
  require('./vscodeSetup').ensure();
  console.log('> core benchmarks (plain Node)');
  const coreOut = run(node, ['out/bench/core.bench.js']).trim().split('\n');
  const core = JSON.parse(coreOut.pop()).figures;
  console.log('> bundle and package');
  const bundle = await bundleFigures();
  if (process.env.FAST_INLINE_BENCH_DEV_BUNDLE) run(node, ['esbuild.js']); // readable names in CPU profiles
  console.log('> VS Code benchmarks (code-server extension host, production bundle)');
  const vs = await vscodeFigures();
  const figures = [...core, ...vs.figures, ...bundle];
  const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}; ${vs.vscode}`;
  const text = table(figures);
  console.log(`\n${text}\n\nmachine: ${machine}`);
  const missed = figures.filter(f => f.met === false);
  console.log(`${figures.length} figures, ${figures.filter(f => f.met).length} met their target, ${missed.length} missed${missed.length ? `: ${missed.map(f => f.name).join('; ')}` : ''}`);
  if (write) {
    const doc = path.join(root, 'docs/BENCHMARKS.md');
    const body = fs.readFileSync(doc, 'utf8');
    const start = body.indexOf('<!-- bench:start -->');
    const end = body.indexOf('<!-- bench:end -->');
    const stamp = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, with \`npm run bench\`.`;
    fs.writeFileSync(doc, `${body.slice(0, start)}<!-- bench:start -->\n${stamp}\n\n${text}\n${body.slice(end)}`);
    console.log(`wrote ${path.relative(root, doc)}`);
  }
})().catch(e => { console.error(e); process.exit(1); });
