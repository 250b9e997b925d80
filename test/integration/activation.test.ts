import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension, report } from './helpers';

describe('activation', () => {
  it('activates lazily and registers every contributed command', async () => {
    const ext = extension();
    const manifest = ext.packageJSON as { activationEvents: string[]; contributes: { commands: { command: string }[] } };
    assert.ok(!manifest.activationEvents.includes('*'), 'activation must not be "*"');
    await ext.activate();
    assert.ok(ext.isActive);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map(c => c.command).filter(c => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    report(`VS Code ${vscode.version}, ${vscode.env.appName}, ui ${vscode.UIKind[vscode.env.uiKind]}, ` +
      `extension host Node ${process.versions.node}, activate() ${ext.exports?.activationMs?.toFixed(1)} ms`);
  });
});
