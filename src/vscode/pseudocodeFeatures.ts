// Pseudocode → code with no prompt: a CodeLens "Convert to code" above each detected block, a
// lightbulb action (refactor.rewrite), and the Convert command (selection, or the block at the
// cursor). Detection runs in the core, cached per document version; conversion is an ordinary
// edit through the same pipeline and review.
import * as vscode from 'vscode';
import { detectPseudocode, blockAt, PseudocodeBlock } from '../core/pseudocode/detect';
import { commentSyntax } from '../core/pseudocode/commentSyntax';
import { planConversion, PseudocodeSource } from '../core/actions/pseudocodePlan';
import { EditResult, EditRunner } from './editRunner';
import { SessionManager } from './sessionManager';

const cache = new WeakMap<vscode.TextDocument, { version: number; blocks: PseudocodeBlock[] }>();

/** One getText() and a split: far cheaper than a TextLine object per line on large files. */
function documentLines(doc: vscode.TextDocument): string[] {
  return doc.getText().split(/\r?\n/);
}

/** Cheap pre-check for the lightbulb: a comment, docstring or prose-looking line (not code, not blank). */
function mayBeStepLine(line: string, languageId: string): boolean {
  const t = line.trim();
  if (t === '') return false;
  const syntax = commentSyntax(languageId);
  const starts = [...(syntax?.line ?? []), ...(syntax?.block?.map(b => b[0]) ?? []), '*', '"""', "'''"];
  return starts.some(m => t.startsWith(m)) || /^[A-Za-z][A-Za-z ,'-]*[a-z][.:]?$/.test(t);
}

/** The document's pseudocode blocks, detected at most once per document version. */
export function blocksOf(doc: vscode.TextDocument): PseudocodeBlock[] {
  const hit = cache.get(doc);
  if (hit && hit.version === doc.version) return hit.blocks;
  const blocks = detectPseudocode(documentLines(doc), doc.languageId);
  cache.set(doc, { version: doc.version, blocks });
  return blocks;
}

const config = () => vscode.workspace.getConfiguration('fastInline.pseudocode');

/** Lines of a selection as steps: comment markers and bullets stripped, blanks dropped. */
function selectionSteps(lines: readonly string[], languageId: string): string[] {
  const syntax = commentSyntax(languageId);
  const markers = [...(syntax?.line ?? []), ...(syntax?.block?.flat() ?? []), '"""', "'''", '*'];
  return lines.map(l => {
    let t = l.trim();
    for (let changed = true; changed;) {
      changed = false;
      for (const m of markers) {
        if (t.startsWith(m)) { t = t.slice(m.length).trim(); changed = true; }
        if (m.length > 1 && t.endsWith(m)) { t = t.slice(0, -m.length).trim(); changed = true; }
      }
    }
    return t.replace(/^(\d+[.)]|[-•])\s+/, '');
  }).filter(t => t !== '');
}

export class PseudocodeFeatures implements vscode.CodeLensProvider, vscode.CodeActionProvider, vscode.Disposable {
  static readonly actionKinds = [vscode.CodeActionKind.RefactorRewrite];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subs: vscode.Disposable[];
  private sessionCount = 0;

  constructor(private readonly runner: EditRunner, private readonly sessions: SessionManager) {
    this.subs = [
      this.emitter,
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('fastInline.pseudocode')) this.emitter.fire(); }),
      // Lenses hide over running sessions: refresh when sessions start or end, not on every frame.
      sessions.onDidChange(() => {
        const count = sessions.all().reduce((n, c) => n + c.sessions.length, 0);
        if (count !== this.sessionCount) { this.sessionCount = count; this.emitter.fire(); }
      }),
    ];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!config().get<boolean>('codeLens', true)) return [];
    const busy = this.sessions.find(doc.uri.toString())?.sessions ?? [];
    return blocksOf(doc)
      .filter(b => !busy.some(s => s.startLine < b.endLine + 1 && s.startLine + Math.max(1, s.lineCount) > b.startLine))
      .map(b => new vscode.CodeLens(new vscode.Range(b.startLine, 0, b.startLine, 0), {
        title: '$(sparkle) Convert to code',
        tooltip: `Fast Inline: implement these ${b.steps.length} step(s) (no prompt)`,
        command: 'fastInline.convertPseudocode',
        arguments: [{ uri: doc.uri.toString(), line: b.startLine }],
      }));
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    // Asked on every cursor move and, with a selection, after every change of the document: keep
    // it cheap. Nothing over a running session; a full detection only for a cursor on a step-like line.
    const busy = this.sessions.find(doc.uri.toString())?.sessions ?? [];
    if (busy.some(s => s.startLine <= range.end.line && s.startLine + Math.max(1, s.lineCount) > range.start.line)) return [];
    const firstLine = doc.lineAt(range.start.line).text;
    if (!mayBeStepLine(firstLine, doc.languageId)) return [];
    const block = range.isEmpty ? blockAt(blocksOf(doc), range.start.line) : undefined;
    if (!block && range.isEmpty) return [];
    const action = new vscode.CodeAction(block ? 'Convert pseudocode to code (Fast Inline)' : 'Convert selection from pseudocode to code (Fast Inline)',
      vscode.CodeActionKind.RefactorRewrite);
    action.command = {
      title: action.title, command: 'fastInline.convertPseudocode',
      arguments: [block && range.isEmpty ? { uri: doc.uri.toString(), line: block.startLine } : undefined],
    };
    return [action];
  }

  /** The command: the given block (CodeLens, lightbulb), else the selections, else the block at the cursor. */
  async convert(args?: { uri?: string; line?: number; keepAsComments?: boolean }): Promise<EditResult | undefined> {
    let editor = vscode.window.activeTextEditor;
    if (args?.uri && editor?.document.uri.toString() !== args.uri) {
      editor = await vscode.window.showTextDocument(vscode.Uri.parse(args.uri), { preserveFocus: false });
    }
    if (!editor) return undefined;
    const doc = editor.document;
    const lines = documentLines(doc);
    const keep = args?.keepAsComments ?? config().get<boolean>('keepAsComments', false);
    let sources: PseudocodeSource[];
    if (args?.line !== undefined) {
      const block = blockAt(blocksOf(doc), args.line);
      sources = block ? [block] : [];
    } else if (editor.selections.some(s => !s.isEmpty)) {
      sources = editor.selections.filter(s => !s.isEmpty).map(s => {
        const endLine = s.end.character === 0 && s.end.line > s.start.line ? s.end.line : s.end.line + 1;
        return { startLine: s.start.line, endLine, steps: selectionSteps(lines.slice(s.start.line, endLine), doc.languageId) };
      });
    } else {
      const block = blockAt(blocksOf(doc), editor.selection.active.line);
      sources = block ? [block] : [];
    }
    sources = sources.filter(s => s.steps.length > 0);
    if (sources.length === 0) {
      void vscode.window.showInformationMessage('Fast Inline: no pseudocode here. Select the steps to convert, or put the cursor in a block of step comments.');
      return { sessions: [], ends: [], refused: 'no pseudocode' };
    }
    const targets = sources.map(s => planConversion(lines, s, doc.languageId, keep))
      .map(p => ({ region: p.region, instruction: p.instruction }));
    return this.runner.run(editor, { targets });
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
