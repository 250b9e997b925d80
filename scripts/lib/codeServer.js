// Starts a real VS Code (code-server on Node 24) and Debian's chromium on this machine, offline.
// Shared by the integration runner, the end-to-end tests, `npm start` and the benchmarks, so they
// all drive VS Code the same way. See docs/TESTING.md for why code-server stands in for desktop.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { ensure } = require('../vscodeSetup');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** A fresh profile (user data, extensions, HOME) under one temp folder, removed by `cleanup()`. */
function makeProfile(prefix = 'fast-inline-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const profile = {
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    home: path.join(dir, 'home'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  for (const d of [profile.userDataDir, profile.extensionsDir, profile.home]) fs.mkdirSync(d, { recursive: true });
  return profile;
}

/** Writes VS Code user settings into a profile before code-server starts. */
function writeUserSettings(profile, settings) {
  const dir = path.join(profile.userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

function codeServerEnv(profile, extraEnv) {
  return { ...process.env, HOME: profile.home, XDG_CONFIG_HOME: path.join(profile.home, '.config'),
    XDG_DATA_HOME: path.join(profile.home, '.local/share'), ...extraEnv };
}

function installExtension(profile, vsix) {
  const { node24, csEntry } = ensure();
  execFileSync(node24, [csEntry, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir,
    '--install-extension', vsix, '--force'], { env: codeServerEnv(profile), stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Starts code-server bound to 127.0.0.1 on a free port and resolves once it listens.
 * @param {{ profile: ReturnType<typeof makeProfile>, env?: object, smokeTestDriver?: boolean, port?: number,
 *           folder?: string, workspaceTrust?: boolean }} opts  workspaceTrust: keep Restricted Mode possible
 */
async function startCodeServer(opts) {
  const { node24, csEntry } = ensure();
  const port = opts.port || await freePort();
  const args = [csEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', opts.profile.userDataDir, '--extensions-dir', opts.profile.extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened'];
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (opts.folder) args.push(opts.folder);
  const proc = spawn(node24, args, { env: codeServerEnv(opts.profile, opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const onData = d => { log += d; if (process.env.CS_VERBOSE) process.stderr.write(d); };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const check = () => {
      if (log.includes('HTTP server listening')) { cleanupListeners(); resolve(); }
    };
    const onExit = code => { cleanupListeners(); reject(new Error(`code-server exited (${code}) before listening:\n${log}`)); };
    const timer = setTimeout(() => { cleanupListeners(); reject(new Error(`code-server did not start in 60 s:\n${log}`)); }, 60000);
    const cleanupListeners = () => { clearTimeout(timer); proc.stdout.off('data', check); proc.stderr.off('data', check); proc.off('exit', onExit); };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    proc.once('exit', onExit);
    check();
  });
  const stop = () => new Promise(resolve => {
    if (proc.exitCode !== null || proc.signalCode) return resolve();
    const t = setTimeout(() => { try { proc.kill('SIGKILL'); } catch { /* gone */ } }, 5000);
    proc.once('exit', () => { clearTimeout(t); resolve(); });
    proc.kill('SIGTERM');
  });
  return { port, url: `http://127.0.0.1:${port}`, proc, log: () => log, stop };
}

/** Workbench URL for a folder; `payload` entries are honoured only with the smoke-test driver. */
function workbenchUrl(server, folder, payload) {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Headless Debian chromium through playwright-core, with a throwaway profile. */
async function launchBrowser(profile, { headless = true, viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = require('playwright-core');
  const { chromium: executablePath } = ensure();
  const context = await chromium.launchPersistentContext(path.join(profile.dir, 'chromium'), {
    executablePath, headless, viewport, args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] || await context.newPage();
  return { context, page };
}

module.exports = { freePort, makeProfile, writeUserSettings, installExtension, startCodeServer, workbenchUrl, launchBrowser };
