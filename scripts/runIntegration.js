#!/usr/bin/env node
// Runs the integration suite (test/integration, mocha) inside a real VS Code extension host through
// @vscode/test-electron's runTests — desktop VS Code where one can be downloaded (a laptop, public
// CI), otherwise code-server on this machine through scripts/code-server-as-vscode.sh.
//
// FAST_INLINE_VSCODE=desktop | code-server | auto (default). Prints the suite's report and
// `N passed, N failed`; exits non-zero when anything failed or the suite did not run.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests, downloadAndUnzipVSCode } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..');
const mode = process.env.FAST_INLINE_VSCODE || 'auto';
// FAST_INLINE_RESTRICTED=1: the Restricted Mode suite, in an untrusted workspace whose settings try
// to redirect requests (test/fixtures/restricted-workspace).
const restricted = process.env.FAST_INLINE_RESTRICTED === '1';
const suiteName = restricted ? 'integration (restricted mode)' : 'integration';

/** Desktop VS Code needs a display on Linux; elsewhere try the download, which fails fast offline. */
async function desktopVSCode() {
  if (mode === 'code-server') return null;
  if (mode === 'auto' && process.platform === 'linux' && !process.env.DISPLAY) return null;
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({ cachePath: path.join(root, '.vscode-test') }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('download timed out')), 120000)),
    ]);
  } catch (e) {
    if (mode === 'desktop') throw e;
    console.log(`(desktop VS Code unavailable: ${e.message.split('\n')[0]}; using code-server)`);
    return null;
  }
}

/** A copy of the fixture workspace, so tests can write files without touching the repo. */
function makeWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-inline-ws-'));
  fs.cpSync(path.join(root, 'test', 'fixtures', restricted ? 'restricted-workspace' : 'workspace'), dir, { recursive: true });
  return dir;
}

(async () => {
  const resultFile = path.join(os.tmpdir(), `fast-inline-it-result-${process.pid}.json`);
  fs.rmSync(resultFile, { force: true });
  const desktop = await desktopVSCode();
  const workspace = makeWorkspace();
  const started = Date.now();
  let runError = null;
  try {
    await runTests({
      vscodeExecutablePath: desktop || path.join(__dirname, 'code-server-as-vscode.sh'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', restricted ? 'integration-restricted' : 'integration', 'index'),
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: { FAST_INLINE_TEST_RESULT: resultFile, FAST_INLINE_TEST_WORKSPACE: workspace, FAST_INLINE_RESTRICTED: restricted ? '1' : '0' },
    });
  } catch (e) {
    runError = e;
  }
  let result = null;
  try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* the suite never reported */ }
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(resultFile, { force: true });
  if (!result) {
    console.error(`The integration suite did not report${runError ? `: ${runError.message}` : ''}.`);
    console.log(`${suiteName}: 0 passed, 1 failed`);
    process.exit(1);
  }
  console.log(result.report);
  console.log(`(ran inside ${result.appName} ${result.vscodeVersion}, extension host Node ${result.node}, ` +
    `${desktop ? 'desktop' : 'code-server'}; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`${suiteName}: ${result.passes} passed, ${result.failures} failed`);
  process.exit(result.failures === 0 && !runError ? 0 : 1);
})().catch(e => { console.error(e); console.log(`${suiteName}: 0 passed, 1 failed`); process.exit(1); });
