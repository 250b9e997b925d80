// Run Action…: one-shot edits without typing a prompt — the built-ins (doc comments, types, fix
// the problems, tests, optimize, explain) and the user's own from `fastInline.actions`. Each
// built-in is also its own command, and runAction takes `{ action }` or `{ title, instruction }`,
// so keybindings can call any of them.
import * as vscode from 'vscode';
import { ActionDefinition, BUILTIN_ACTIONS, findAction, userActions } from '../core/actions/builtinActions';
import { testFileCandidates } from '../core/actions/testFiles';
import { EditResult, EditRunner } from './editRunner';

function allActions(): ActionDefinition[] {
  return [...BUILTIN_ACTIONS, ...userActions(vscode.workspace.getConfiguration('fastInline').get('actions'))];
}

/** Lines [start, end) covered by a selection (a selection ending at column 0 stops at the line before). */
function lineSpan(s: vscode.Selection): [number, number] {
  return [s.start.line, s.end.character === 0 && s.end.line > s.start.line ? s.end.line : s.end.line + 1];
}

async function existingTestFile(doc: vscode.TextDocument): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return undefined;
  for (const candidate of testFileCandidates(vscode.workspace.asRelativePath(doc.uri, false), doc.languageId)) {
    const uri = vscode.Uri.joinPath(folder.uri, candidate);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Tests go into the conventional test file when the project has one, else right below the code. */
async function writeTests(runner: EditRunner, editor: vscode.TextEditor, action: ActionDefinition): Promise<EditResult> {
  const doc = editor.document;
  const [start, end] = editor.selection.isEmpty ? [0, doc.lineCount] : lineSpan(editor.selection);
  const code = Array.from({ length: end - start }, (_, i) => doc.lineAt(start + i).text).join('\n');
  const testUri = await existingTestFile(doc);
  if (testUri) {
    const testEditor = await vscode.window.showTextDocument(testUri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    const t = testEditor.document;
    const at = t.lineCount > 0 && t.lineAt(t.lineCount - 1).text === '' ? t.lineCount - 1 : t.lineCount;
    const afterCode = at > 0 && t.lineAt(at - 1).text.trim() !== '';
    return runner.run(testEditor, {
      targets: [{ region: { startLine: at, endLine: at, baseIndent: '', leadingBlank: 1, trailingBlank: 0, blankBefore: afterCode },
        instruction: `${action.instruction} Add them at the end of this test file, reusing its imports, fixtures and style.` }],
      extraContext: [{ label: 'Code under test', path: vscode.workspace.asRelativePath(doc.uri, false), absolutePath: doc.uri.fsPath, text: code }],
    });
  }
  const indent = /^[ \t]*/.exec(doc.lineAt(start).text)![0];
  return runner.run(editor, {
    targets: [{ region: { startLine: end, endLine: end, baseIndent: indent, leadingBlank: 1, trailingBlank: 1, blankBefore: true },
      instruction: `${action.instruction} This project has no separate test file for this code: write the tests so they can sit right below it.` }],
    extraContext: [{ label: 'Code under test', path: vscode.workspace.asRelativePath(doc.uri, false), absolutePath: doc.uri.fsPath, text: code }],
  });
}

async function runAction(runner: EditRunner, action: ActionDefinition): Promise<EditResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Fast Inline: open a file and select code first.');
    return undefined;
  }
  if (action.target === 'tests') return writeTests(runner, editor, action);
  return runner.run(editor, { instruction: action.instruction, requireDiagnostics: action.needsDiagnostics });
}

export function registerActionCommands(runner: EditRunner): vscode.Disposable[] {
  const perAction = BUILTIN_ACTIONS.map(a => vscode.commands.registerCommand(`fastInline.${a.id}`, () => runAction(runner, a)));
  return [
    ...perAction,
    vscode.commands.registerCommand('fastInline.runAction', async (args?: { action?: string; title?: string; instruction?: string }) => {
      const actions = allActions();
      let action: ActionDefinition | undefined;
      if (args?.instruction) action = { id: 'adhoc', title: args.title ?? 'Action', detail: '', instruction: args.instruction };
      else if (args?.action) {
        action = findAction(actions, args.action);
        if (!action) {
          void vscode.window.showWarningMessage(`Fast Inline: no action "${args.action}". Built-ins: ${BUILTIN_ACTIONS.map(a => a.id).join(', ')}; others come from fastInline.actions.`);
          return undefined;
        }
      } else {
        const picked = await vscode.window.showQuickPick(actions.map(a => ({ label: a.title, detail: a.detail, action: a })),
          { title: 'Fast Inline: Run Action', placeHolder: 'What should happen to the selection?', matchOnDetail: true });
        action = picked?.action;
      }
      return action ? runAction(runner, action) : undefined;
    }),
  ];
}
