// The editing and review commands. Each takes optional arguments so keybindings, CodeLens and
// tests can call it without UI (e.g. `fastInline.editSelection` with `{ instruction }`).
import * as vscode from 'vscode';
import { EditRunner, EditResult } from './editRunner';
import { HunkArgs, SessionManager } from './sessionManager';
import { askInstruction, remember } from './instructionInput';

export function registerEditCommands(runner: EditRunner, sessions: SessionManager, state: vscode.Memento): vscode.Disposable[] {
  const reg = vscode.commands.registerCommand;
  return [
    reg('fastInline.editSelection', async (args?: { instruction?: string; allowOverBudget?: boolean }): Promise<EditResult | undefined> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Fast Inline: open a file and select the code to edit.');
        return undefined;
      }
      const instruction = args?.instruction?.trim() || await askInstruction(state, 'Fast Inline: Edit Selection');
      if (!instruction) return undefined;
      if (args?.instruction) await remember(state, instruction);
      return runner.run(editor, { instruction, allowOverBudget: args?.allowOverBudget === true });
    }),
    reg('fastInline.acceptAll', (args?: HunkArgs) => sessions.resolveAll(true, args)),
    reg('fastInline.rejectAll', (args?: HunkArgs) => sessions.resolveAll(false, args)),
    reg('fastInline.acceptHunk', (args?: HunkArgs) => sessions.resolveHunk(true, args)),
    reg('fastInline.rejectHunk', (args?: HunkArgs) => sessions.resolveHunk(false, args)),
    reg('fastInline.nextHunk', () => sessions.goToHunk(1)),
    reg('fastInline.previousHunk', () => sessions.goToHunk(-1)),
    reg('fastInline.cancel', () => sessions.cancel()),
  ];
}
