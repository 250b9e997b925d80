// The one-shot actions of Run Action…, as data: each is an instruction for the same edit pipeline
// and review, so an action is just a well-worded prompt (plus, for tests, a different target).

export type BuiltinActionId = 'addDocComments' | 'addTypes' | 'fixProblems' | 'writeTests' | 'optimize' | 'explainAsComments';

export interface ActionDefinition {
  id: string;
  title: string;
  detail: string;
  instruction: string;
  /** Tests go below the selection or into the conventional test file, never over the code. */
  target?: 'tests';
  /** The action is about the editor's problems: refuse when there are none in the selection. */
  needsDiagnostics?: boolean;
}

export const BUILTIN_ACTIONS: readonly ActionDefinition[] = [
  {
    id: 'addDocComments', title: 'Add Doc Comments', detail: 'Document functions, classes and methods in the language\'s doc-comment style',
    instruction: 'Add documentation comments to every function, class and method in the region, in the conventional doc-comment style of this language (parameters, return value, errors). Do not change any code.',
  },
  {
    id: 'addTypes', title: 'Add Types', detail: 'Precise type annotations, no behaviour change',
    instruction: 'Add precise type annotations (parameters, return types, variables where it helps) in the style this file already uses. Do not change behaviour.',
  },
  {
    id: 'fixProblems', title: 'Fix the Problems', detail: 'Fix what the editor reports in the selection', needsDiagnostics: true,
    instruction: 'Fix the problems the editor reports in this region (listed below). Change only what is needed to fix them.',
  },
  {
    id: 'writeTests', title: 'Write Tests', detail: 'Unit tests for the selection, below it or in the test file', target: 'tests',
    instruction: 'Write focused unit tests for the code below, using the test framework and style this project already uses (or the language\'s standard one). Cover normal cases, edge cases and errors. Reply with the tests only.',
  },
  {
    id: 'optimize', title: 'Optimize', detail: 'Faster or simpler, same behaviour',
    instruction: 'Make this code faster or simpler without changing its behaviour or its public interface. Keep comments that still apply.',
  },
  {
    id: 'explainAsComments', title: 'Explain as Comments', detail: 'Concise comments saying what and why',
    instruction: 'Add concise comments that explain what this code does and why, where it is not obvious. Do not change the code itself.',
  },
];

export interface UserAction { title: string; instruction: string }

/** User actions from `fastInline.actions`, validated (a bad entry is skipped, never fatal). */
export function userActions(raw: unknown): ActionDefinition[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((a, i) => {
    if (!a || typeof a !== 'object') return [];
    const { title, instruction } = a as Partial<UserAction>;
    if (typeof title !== 'string' || typeof instruction !== 'string' || !title.trim() || !instruction.trim()) return [];
    return [{ id: `user:${i}:${title.trim()}`, title: title.trim(), detail: 'from fastInline.actions', instruction: instruction.trim() }];
  });
}

/** Finds an action by id, or by title (case-insensitive) for keybindings written by hand. */
export function findAction(actions: readonly ActionDefinition[], key: string): ActionDefinition | undefined {
  const k = key.trim().toLowerCase();
  return actions.find(a => a.id.toLowerCase() === k) ?? actions.find(a => a.title.toLowerCase() === k);
}
