// Entry point the VS Code extension host loads (extensionTestsPath). Runs every *.test.js beside
// it with mocha and writes the counts and the spec report to FAST_INLINE_TEST_RESULT, so the outer
// runner can print them without the workbench's own log noise.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import * as vscode from 'vscode';
import Mocha from 'mocha';

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs every *.test.js in `dir` (the Restricted Mode suite has its own folder). */
export function runSuite(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, grep: process.env.FAST_INLINE_GREP });
  const lines: string[] = [];
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...a: unknown[]) => { lines.push(util.format(...a)); original(...a); };
  // Figures the tests print with report() (latencies, cache hits) belong in the report too.
  (globalThis as { fastInlineReport?: (line: string) => void }).fastInlineReport = line => base.consoleLog(line);
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      base.consoleLog = original;
      const out = process.env.FAST_INLINE_TEST_RESULT;
      const stats = runner.stats ?? { passes: 0, failures };
      if (out) {
        fs.writeFileSync(out, JSON.stringify({
          passes: stats.passes, failures: stats.failures, report: lines.join('\n'),
          vscodeVersion: vscode.version, appName: vscode.env.appName, node: process.versions.node,
        }));
      }
      failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve();
    });
  });
}
