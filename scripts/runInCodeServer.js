#!/usr/bin/env node
// Stands in for a desktop VS Code executable: @vscode/test-electron's runTests() spawns this with
// `--extensionDevelopmentPath=… --extensionTestsPath=… <folder>` and uses its exit code. It runs the
// suite in code-server's real Node extension host instead, driven by headless chromium.
//
// Mechanism: code-server with `--vscode-option enable-smoke-test-driver` honours the workbench URL's
// `payload` (extensionDevelopmentPath / extensionTestsPath as vscode-remote://remote<abs path>), and
// the page calls window.codeAutomationExit(code) when the extension host has run the tests.
'use strict';
const path = require('path');
const util = require('util');
const { makeProfile, writeUserSettings, startCodeServer, workbenchUrl, launchBrowser } = require('./lib/codeServer');

const argv = process.argv.slice(2);
const flag = name => {
  const a = argv.find(x => x.startsWith(`--${name}=`));
  return a && a.slice(name.length + 3);
};
const root = path.resolve(__dirname, '..');
const extDev = path.resolve(flag('extensionDevelopmentPath') || root);
const extTests = path.resolve(flag('extensionTestsPath') || path.join(root, 'out/test/integration/index'));
const folder = argv.find(a => !a.startsWith('-') && path.isAbsolute(a)) || root;
const TIMEOUT_MS = Number(process.env.FAST_INLINE_SUITE_TIMEOUT_MS || 20 * 60 * 1000);

(async () => {
  const restricted = process.env.FAST_INLINE_RESTRICTED === '1';
  const profile = makeProfile('fast-inline-it-');
  // Settings a test machine needs: no git scanning of the temp workspace, no auto-save surprises.
  writeUserSettings(profile, {
    'git.enabled': false, 'files.autoSave': 'off', 'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    // Restricted Mode: trust on, the folder never trusted, no prompt to answer.
    ...(restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false, 'security.workspace.trust.untrustedFiles': 'open' } : {}),
    ...JSON.parse(process.env.FAST_INLINE_EXTRA_SETTINGS || '{}'),
  });
  const server = await startCodeServer({ profile, smokeTestDriver: true, workspaceTrust: restricted });
  const { context, page } = await launchBrowser(profile);
  let exitCode = null;
  const finished = new Promise(resolve => {
    page.exposeFunction('codeAutomationLog', (type, args) => {
      if (!process.env.CS_VERBOSE) return;
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      (console[type] || console.log)(line);
    });
    page.exposeFunction('codeAutomationExit', code => { exitCode = code; resolve(); });
  });
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${extDev}`],
    ['extensionTestsPath', `vscode-remote://remote${extTests}`],
    ['skipWelcome', 'true'],
  ];
  await page.goto(workbenchUrl(server, folder, payload));
  let timer;
  const timeout = new Promise(resolve => { timer = setTimeout(resolve, TIMEOUT_MS, 'timeout'); });
  if (await Promise.race([finished, timeout]) === 'timeout') {
    const shot = path.join(root, 'test-results', 'integration-timeout.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`The integration suite did not finish within ${TIMEOUT_MS / 1000} s (screenshot: ${shot}).`);
    exitCode = 1;
  }
  clearTimeout(timer);
  await context.close().catch(() => {});
  await server.stop();
  if (process.env.CS_KEEP_LOGS || exitCode !== 0) {
    console.error(`code-server log kept in ${profile.dir}`);
    require('fs').writeFileSync(path.join(profile.dir, 'code-server.log'), server.log());
  } else {
    profile.cleanup();
  }
  process.exit(exitCode === 0 ? 0 : 1);
})().catch(e => { console.error(e); process.exit(1); });
