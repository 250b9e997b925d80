// How a session looks in the editor: added lines green, removed lines red (real text: selectable
// and copyable), original lines the stream has not reached yet dimmed as "pending", and lines the
// user typed into a change marked so they know accept/reject will keep them.
import * as vscode from 'vscode';
import { ReviewKind } from '../core/review/reviewModel';
import { EditSession } from './editSession';

type Drawn = Exclude<ReviewKind, 'same'>;

export class Decorations implements vscode.Disposable {
  private readonly types: Record<Drawn, vscode.TextEditorDecorationType>;

  constructor() {
    const ruler = vscode.OverviewRulerLane.Left;
    this.types = {
      added: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
        overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
        overviewRulerLane: ruler,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
      removed: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
        overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
        overviewRulerLane: ruler,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
      pending: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        opacity: '0.55',
        backgroundColor: new vscode.ThemeColor('editor.inactiveSelectionBackground'),
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
      user: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        borderWidth: '0 0 0 3px',
        borderStyle: 'solid',
        borderColor: new vscode.ThemeColor('editorWarning.foreground'),
        backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
      }),
    };
  }

  /** Line ranges per kind for the given sessions, as the document shows them now. */
  static ranges(sessions: readonly EditSession[]): Record<Drawn, vscode.Range[]> {
    const out: Record<Drawn, vscode.Range[]> = { added: [], removed: [], pending: [], user: [] };
    for (const s of sessions) {
      let runStart = -1;
      let runKind: ReviewKind = 'same';
      const flush = (end: number) => {
        if (runKind !== 'same' && runStart >= 0) out[runKind].push(new vscode.Range(s.startLine + runStart, 0, s.startLine + end - 1, 0));
      };
      s.rendered.forEach((line, i) => {
        if (line.kind !== runKind) { flush(i); runKind = line.kind; runStart = i; }
      });
      flush(s.rendered.length);
    }
    return out;
  }

  /** What each editor was last given, so unchanged kinds are not sent again (each is a round trip). */
  private readonly drawn = new WeakMap<vscode.TextEditor, Record<string, string>>();

  draw(editor: vscode.TextEditor, sessions: readonly EditSession[]): void {
    const ranges = Decorations.ranges(sessions);
    const previous = this.drawn.get(editor) ?? {};
    const now: Record<string, string> = {};
    for (const kind of Object.keys(this.types) as Drawn[]) {
      now[kind] = ranges[kind].map(r => `${r.start.line}-${r.end.line}`).join(',');
      if (now[kind] !== previous[kind]) editor.setDecorations(this.types[kind], ranges[kind]);
    }
    this.drawn.set(editor, now);
  }

  dispose(): void {
    for (const t of Object.values(this.types)) t.dispose();
  }
}
