// Activation: builds the few long-lived services and registers the commands. Kept small on
// purpose — the model SDK and the tokenizer load on the first edit, not here.
import * as vscode from 'vscode';
import { createLog } from './vscode/log';
import { KeyStore } from './vscode/keyStore';
import { registerKeyCommands } from './vscode/keyCommands';
import { registerModelCommands } from './vscode/modelCommands';
import { SessionManager } from './vscode/sessionManager';
import { HunkCodeLens } from './vscode/hunkCodeLens';
import { EditRunner } from './vscode/editRunner';
import { registerEditCommands } from './vscode/editCommands';
import { MeterServices } from './vscode/meterServices';
import { createTestApi, FastInlineTestApi } from './vscode/testApi';
import { StatusBar } from './vscode/statusBar';
import { registerPriceCommands } from './vscode/priceCommands';
import { UsageReport } from './vscode/usageReport';
import { PseudocodeFeatures } from './vscode/pseudocodeFeatures';
import { registerActionCommands } from './vscode/actionCommands';
import { schedulePrewarm } from './vscode/prewarm';
import { askToConfirmHost } from './vscode/requestAuth';
import { SessionPersistence } from './vscode/sessionPersistence';

let persistence: SessionPersistence | undefined;

export type { FastInlineTestApi };

export function activate(context: vscode.ExtensionContext): FastInlineTestApi | undefined {
  const started = performance.now();
  const log = createLog();
  const keys = new KeyStore(context.secrets);
  const sessions = new SessionManager(log);
  const meters = new MeterServices(context, log, sessions);
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  // In tests, the modal "send my key to this host?" is answered by the test (never in normal use).
  const hostQuestion = { answer: undefined as boolean | undefined, asked: [] as string[] };
  const confirmHost = (host: string, label: string) => {
    if (testMode && hostQuestion.answer !== undefined) { hostQuestion.asked.push(host); return Promise.resolve(hostQuestion.answer); }
    return askToConfirmHost(host, label);
  };
  const runner = new EditRunner({ sessions, keys, log, state: context.globalState, meters, confirmHost });
  const lenses = new HunkCodeLens(sessions);
  const statusBar = new StatusBar(meters);
  const usageReport = new UsageReport(context.extensionUri, meters.ledger, log);
  const pseudocode = new PseudocodeFeatures(runner, sessions);
  persistence = new SessionPersistence(context.workspaceState, sessions, log);
  context.subscriptions.push(
    persistence, log, keys, sessions, meters, lenses, statusBar, usageReport, schedulePrewarm(keys, log),
    vscode.commands.registerCommand('fastInline.showUsage', () => usageReport.show()),
    vscode.languages.registerCodeLensProvider({ scheme: '*' }, lenses),
    pseudocode,
    vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], pseudocode),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], pseudocode,
      { providedCodeActionKinds: PseudocodeFeatures.actionKinds }),
    vscode.commands.registerCommand('fastInline.convertPseudocode', (args?: { uri?: string; line?: number }) => pseudocode.convert(args)),
    ...registerActionCommands(runner),
    ...registerKeyCommands(keys, log),
    ...registerModelCommands(keys, log),
    ...registerEditCommands(runner, sessions, context.globalState),
    ...registerPriceCommands(log),
    vscode.commands.registerCommand('fastInline.showLog', () => log.show()),
  );
  const activationMs = performance.now() - started;
  log.info(`Fast Inline activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version}, ${vscode.env.appName}).`);
  return testMode ? createTestApi(activationMs, sessions, meters, statusBar, usageReport, runner, hostQuestion, context) : undefined;
}

/** On reload or shutdown: what every session shows now is saved, so a reload can bring it back. */
export async function deactivate(): Promise<void> {
  await persistence?.save();
}
