// Shared helpers for the integration tests that run inside the VS Code extension host: the
// extension's test API, the local fake provider, documents, and event-driven waiting (no sleeps).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FastInlineTestApi, SessionInfo } from '../../src/vscode/testApi';
import { FakeProvider } from '../server/fakeProvider';
import type { Dialect } from '../server/types';

export const EXTENSION_ID = 'fast-inline.fast-inline';

export function extension(): vscode.Extension<FastInlineTestApi> {
  const ext = vscode.extensions.getExtension<FastInlineTestApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export async function activate(): Promise<FastInlineTestApi> {
  const api = await extension().activate();
  if (!api) throw new Error('the extension returned no test API (is extensionMode Test?)');
  return api;
}

/** The temp workspace the runner opened (a copy of test/fixtures/workspace). */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return folder.uri.fsPath;
}

let fileCounter = 0;
/** Writes a file (under its exact name, in a folder of its own) into the workspace and opens it. */
export async function openFile(name: string, content: string, language?: string): Promise<vscode.TextEditor> {
  const dir = path.join(workspaceDir(), `t${String(++fileCounter).padStart(3, '0')}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  let doc = await vscode.workspace.openTextDocument(file);
  if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function select(editor: vscode.TextEditor, startLine: number, endLine: number): void {
  // Whole lines [startLine, endLine): from column 0 to the start of endLine.
  editor.selection = new vscode.Selection(startLine, 0, endLine, 0);
}

/** Resolves when `check` holds, re-checking whenever sessions or documents change. */
export function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
  return new Promise((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const done = (fn: () => void) => { clearTimeout(timer); subs.forEach(s => s.dispose()); fn(); };
    const test = () => {
      let v: T | undefined | false;
      try { v = check(); } catch (e) { return done(() => reject(e)); }
      if (v !== undefined && v !== false) done(() => resolve(v as T));
    };
    const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`))), timeoutMs);
    subs.push(api().onDidChangeSessions(test), vscode.workspace.onDidChangeTextDocument(test));
    test();
  });
}

let cachedApi: FastInlineTestApi | undefined;
export function api(): FastInlineTestApi {
  if (!cachedApi) throw new Error('call setup() in a before() hook first');
  return cachedApi;
}

export function sessionsOf(editor: vscode.TextEditor): SessionInfo[] {
  return api().sessions(editor.document.uri);
}

/** One fake provider for the whole suite; settings point Fast Inline at it. */
let server: FakeProvider | undefined;
export async function setup(dialect: Dialect = 'xai'): Promise<FakeProvider> {
  cachedApi = await activate();
  server ??= await FakeProvider.start();
  server.reset();
  await useDialect(dialect);
  await vscode.commands.executeCommand('fastInline.setApiKey', { provider: 'xai', key: TEST_KEY });
  return server;
}

export const TEST_KEY = 'xai-test-key-0123456789abcdef';

export async function useDialect(dialect: Dialect, provider = dialect === 'xai' ? 'xai' : 'custom'): Promise<void> {
  const config = vscode.workspace.getConfiguration('fastInline');
  await config.update('provider', provider, vscode.ConfigurationTarget.Global);
  await config.update('baseUrl', server!.baseUrl(dialect), vscode.ConfigurationTarget.Global);
  await config.update('model', 'grok-code-fast-1', vscode.ConfigurationTarget.Global);
  await config.update('firstTokenTimeoutSeconds', 10, vscode.ConfigurationTarget.Global);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('fastInline').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Ends every session and closes every editor without a save prompt (a dialog would hang the suite). */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (api().sessions(doc.uri).length) await vscode.commands.executeCommand('fastInline.rejectAll', { uri: doc.uri.toString() });
  }
  for (let i = 0; i < 50 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function text(editor: vscode.TextEditor): string {
  return editor.document.getText();
}

export function kinds(info: SessionInfo): string {
  return info.lines.map(l => l.kind[0]).join('');
}

export function assertNoSessions(editor: vscode.TextEditor): void {
  assert.deepStrictEqual(sessionsOf(editor).map(s => s.state), [], 'no session should remain');
}

/** Prints a figure into the suite's report (console output of the extension host is not in it). */
export function report(line: string): void {
  const sink = (globalThis as { fastInlineReport?: (line: string) => void }).fastInlineReport;
  if (sink) sink(`      (${line})`); else console.log(`      (${line})`);
}
