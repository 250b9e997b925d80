// The instruction box of Edit Selection: type a new instruction or pick a recent one. History
// lives in globalState (most recent first), so it follows the user across workspaces.
import * as vscode from 'vscode';

const HISTORY_KEY = 'fastInline.instructionHistory';
const HISTORY_MAX = 50;

export async function askInstruction(state: vscode.Memento, title: string): Promise<string | undefined> {
  const history = state.get<string[]>(HISTORY_KEY, []);
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = title;
  pick.placeholder = 'Describe the change, then Enter (or pick a recent instruction)';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = false;
  const recent = history.map(label => ({ label, description: 'recent' }));
  pick.items = recent;
  pick.onDidChangeValue(value => {
    const typed = value.trim();
    pick.items = typed && !history.includes(typed) ? [{ label: typed, description: 'new instruction' }, ...recent] : recent;
  });
  const answer = await new Promise<string | undefined>(resolve => {
    pick.onDidAccept(() => resolve((pick.selectedItems[0]?.label ?? pick.value).trim() || undefined));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (answer) await remember(state, answer);
  return answer;
}

export async function remember(state: vscode.Memento, instruction: string): Promise<void> {
  const history = state.get<string[]>(HISTORY_KEY, []).filter(h => h !== instruction);
  await state.update(HISTORY_KEY, [instruction, ...history].slice(0, HISTORY_MAX));
}
