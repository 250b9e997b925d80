// Bundles the extension into CommonJS files: fast activation (one small file to read), no
// node_modules in the .vsix. `--production` minifies; otherwise source maps; `--watch` rebuilds.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the `file:line:col: error: …` form VS Code's problem matchers understand. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * Heavy dependencies live in their own files, required on first use, so activation never reads
 * or parses them: the tokenizer's o200k ranks (megabytes; first metered stream) and the openai SDK
 * (first request, or the idle-time prewarm).
 */
const LAZY = { 'gpt-tokenizer': './tokenizer.js', openai: './openai.js' };
const lazyDependencies = {
  name: 'lazy-dependencies',
  setup(build) {
    build.onResolve({ filter: /^(gpt-tokenizer|openai)$/ }, args => ({ path: LAZY[args.path], external: true }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
};

async function main() {
  const builds = [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyDependencies, problemMatcher] },
    { ...common, entryPoints: ['src/core/metering/tokenizerBundle.ts'], outfile: 'dist/tokenizer.js', sourcemap: false, plugins: [problemMatcher] },
    { ...common, entryPoints: ['src/core/model/openaiBundle.ts'], outfile: 'dist/openai.js', plugins: [problemMatcher] },
  ];
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  if (watch) { await Promise.all(contexts.map(c => c.watch())); return; }
  const results = await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
  if (results.some(r => r.errors.length)) process.exit(1);
  for (const r of results) {
    for (const [file, out] of Object.entries(r.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file}: ${(out.bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
    }
  }
}

main().catch(e => { console.error(e); process.exit(1); });
