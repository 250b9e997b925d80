#!/usr/bin/env node
// `npm start`: builds the extension (and keeps rebuilding on change), then opens it in a real VS Code
// with a copy of sample/ — desktop `code --extensionDevelopmentPath` when `code` is on PATH,
// otherwise code-server on 127.0.0.1 (the URL is printed). Stays up until Ctrl+C, then cleans up.
//   FAST_INLINE_PORT=8080 npm start    fixed port for code-server
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');

function hasCode() {
  return spawnSync(process.platform === 'win32' ? 'where' : 'sh', process.platform === 'win32' ? ['code'] : ['-c', 'command -v code'],
    { stdio: 'ignore' }).status === 0;
}

async function main() {
  const build = spawnSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const watcher = spawn(process.execPath, [path.join(root, 'esbuild.js'), '--watch'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-inline-sample-'));
  fs.cpSync(path.join(root, 'sample'), workspace, { recursive: true });
  const cleanups = [() => watcher.kill(), () => fs.rmSync(workspace, { recursive: true, force: true })];
  let stopping = false;
  const stop = async code => {
    if (stopping) return;
    stopping = true;
    for (const c of cleanups.reverse()) { try { await c(); } catch { /* best effort */ } }
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  if (hasCode() && !process.env.FAST_INLINE_CODE_SERVER) {
    console.log('Opening desktop VS Code with the extension under development (close its window or Ctrl+C to stop)…');
    const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit', shell: process.platform === 'win32' });
    code.on('exit', c => stop(c ?? 0));
    return;
  }

  const cs = require('./lib/codeServer');
  console.log('No desktop `code` on PATH: using code-server (installed once into ~/.cache/fast-inline).');
  const profile = cs.makeProfile('fast-inline-start-');
  cleanups.splice(1, 0, () => profile.cleanup());
  cs.writeUserSettings(profile, { 'workbench.startupEditor': 'readme', 'telemetry.telemetryLevel': 'off', 'chat.disableAIFeatures': true });
  // The extension folder is linked into the profile's extensions, so code-server loads this build;
  // reload the window (F1 → Developer: Reload Window) after the watcher rebuilds.
  const pkg = require('../package.json');
  fs.symlinkSync(root, path.join(profile.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  const server = await cs.startCodeServer({ profile, port: Number(process.env.FAST_INLINE_PORT) || undefined, folder: workspace });
  cleanups.splice(1, 0, () => server.stop());
  server.proc.on('exit', c => stop(c ?? 1));
  console.log(`\nFast Inline is running in VS Code (code-server) at:\n\n  ${cs.workbenchUrl(server, workspace)}\n`);
  console.log('Open it in a browser on this machine. Ctrl+C stops it and removes the temporary profile and workspace.');
}

main().catch(e => { console.error(e); process.exit(1); });
