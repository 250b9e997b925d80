// All running edit sessions, by document: routes VS Code's document events to each document's
// controller, runs the review commands (accept/reject, all or at the cursor, next/previous hunk,
// cancel) and keeps the context keys that enable them.
import * as vscode from 'vscode';
import { DocumentController } from './documentController';
import { Decorations } from './decorations';
import { EditSession } from './editSession';
import { Log } from './log';

export interface HunkArgs { uri?: string; line?: number }

export class SessionManager implements vscode.Disposable {
  private readonly controllers = new Map<string, DocumentController>();
  private readonly decorations = new Decorations();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires whenever a session, its hunks or its stream state change. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly retireEmitter = new vscode.EventEmitter<EditSession>();
  /** Fires when a session is over (all its hunks resolved, or nothing to review). */
  readonly onDidRetire = this.retireEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: Log) {
    this.disposables.push(
      this.decorations,
      this.changeEmitter,
      this.retireEmitter,
      vscode.workspace.onDidChangeTextDocument(e => this.controllers.get(e.document.uri.toString())?.onDidChange(e)),
      vscode.workspace.onDidCloseTextDocument(doc => this.closeDocument(doc)),
      // Closing an editor tab does not dispose its document right away: end the sessions of a
      // document as soon as no tab shows it any more.
      vscode.window.tabGroups.onDidChangeTabs(e => { if (e.closed.length) this.closeUntabbed(); }),
      vscode.workspace.onWillSaveTextDocument(e => this.beforeSave(e)),
      vscode.workspace.onWillRenameFiles(e => this.beforeRename(e)),
      vscode.window.onDidChangeVisibleTextEditors(editors => {
        for (const ed of editors) this.controllers.get(ed.document.uri.toString())?.redraw();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKeys()),
      vscode.window.onDidChangeTextEditorSelection(() => this.updateContextKeys()),
    );
  }

  controller(document: vscode.TextDocument): DocumentController {
    const key = document.uri.toString();
    let c = this.controllers.get(key);
    if (!c) {
      c = new DocumentController(document, this.decorations, {
        log: this.log, changed: () => this.changed(), retired: s => this.retireEmitter.fire(s),
      });
      this.controllers.set(key, c);
    }
    return c;
  }

  find(uri: string): DocumentController | undefined {
    return this.controllers.get(uri);
  }

  all(): DocumentController[] {
    return [...this.controllers.values()];
  }

  private changed(): void {
    for (const [key, c] of this.controllers) {
      if (c.sessions.length === 0 && !c.hasUndone && !c.document.isClosed) { c.dispose(); this.controllers.delete(key); }
    }
    this.updateContextKeys();
    this.changeEmitter.fire();
  }

  private updateContextKeys(): void {
    const c = this.activeController();
    void vscode.commands.executeCommand('setContext', 'fastInline.hasSession', !!c && c.sessions.length > 0);
    void vscode.commands.executeCommand('setContext', 'fastInline.streaming', !!c && c.sessions.some(s => s.streaming));
  }

  private activeController(): DocumentController | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && this.controllers.get(doc.uri.toString());
  }

  private closeDocument(doc: vscode.TextDocument): void {
    const c = this.controllers.get(doc.uri.toString());
    if (!c) return;
    c.dispose();
    this.controllers.delete(doc.uri.toString());
    this.log.info(`Sessions in ${doc.uri.fsPath || doc.uri.toString()} ended: the document was closed.`);
    this.changed();
  }

  private closeUntabbed(): void {
    const shown = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText) shown.add(input.uri.toString());
        else if (input instanceof vscode.TabInputTextDiff) { shown.add(input.original.toString()); shown.add(input.modified.toString()); }
      }
    }
    for (const c of [...this.controllers.values()]) if (!shown.has(c.uri)) this.closeDocument(c.document);
  }

  /**
   * Saving during a review keeps what the editor proposes (streams stop first), like the other
   * inline editors do: the file on disk is always consistent code, never red and green lines.
   * Ctrl+Z undoes it in one step.
   */
  private beforeSave(e: vscode.TextDocumentWillSaveEvent): void {
    const c = this.controllers.get(e.document.uri.toString());
    if (!c || c.sessions.length === 0) return;
    for (const s of c.sessions) s.cancel();
    for (const s of c.sessions) if (s.state === 'reviewing') s.model.acceptAll();
    this.log.info('Saved during a review: the proposed changes were accepted.');
    e.waitUntil(c.flush());
  }

  /**
   * Renaming (or moving) a file under review is handled like saving it: the streams stop and the
   * proposed changes are accepted first, so the renamed file holds consistent code, not red and
   * green lines without a session (VS Code moves the dirty text to the new name).
   */
  private beforeRename(e: vscode.FileWillRenameEvent): void {
    const affected = e.files.flatMap(f => this.all().filter(c => c.uri === f.oldUri.toString() || c.uri.startsWith(`${f.oldUri.toString()}/`)));
    if (affected.length === 0) return;
    for (const c of affected) {
      for (const s of c.sessions) s.cancel();
      for (const s of c.sessions) if (s.state === 'reviewing') s.model.acceptAll();
    }
    this.log.info('A file under review was renamed: the proposed changes were accepted first.');
    e.waitUntil(Promise.all(affected.map(c => c.flush())));
  }

  private target(args?: HunkArgs): { controller: DocumentController; line: number } | undefined {
    if (args?.uri) {
      const controller = this.controllers.get(args.uri);
      return controller && { controller, line: args.line ?? 0 };
    }
    const editor = vscode.window.activeTextEditor;
    const controller = editor && this.controllers.get(editor.document.uri.toString());
    return controller && { controller, line: editor!.selection.active.line };
  }

  /** Accept or reject everything in a document (the active one by default). */
  async resolveAll(accept: boolean, args?: HunkArgs): Promise<boolean> {
    const t = this.target(args);
    if (!t) return false;
    for (const s of t.controller.sessions) s.cancel();
    for (const s of t.controller.sessions) {
      if (s.state === 'reviewing') (accept ? s.model.acceptAll() : s.model.rejectAll());
      s.updateStateAfterReview();
    }
    await t.controller.flush();
    return true;
  }

  /** Accept or reject the hunk at a line (the cursor's by default). */
  async resolveHunk(accept: boolean, args?: HunkArgs): Promise<boolean> {
    const t = this.target(args);
    if (!t) return false;
    const session = t.controller.sessionAt(t.line);
    if (!session || session.state !== 'reviewing') {
      if (session?.streaming) void vscode.window.setStatusBarMessage('Fast Inline: still streaming — review when it ends (Esc stops it).', 3000);
      return false;
    }
    const hunks = session.model.hunks();
    const i = session.model.hunkAt(t.line - session.startLine);
    if (i < 0) return false;
    if (accept) session.model.accept(hunks[i]); else session.model.reject(hunks[i]);
    session.updateStateAfterReview();
    await t.controller.flush();
    return true;
  }

  /** Moves the cursor to the next (or previous) hunk start in the active document, wrapping. */
  goToHunk(direction: 1 | -1): boolean {
    const editor = vscode.window.activeTextEditor;
    const c = editor && this.controllers.get(editor.document.uri.toString());
    if (!editor || !c) return false;
    const starts = c.sessions.flatMap(s => s.model.hunks().map(h => s.startLine + h.start)).sort((a, b) => a - b);
    if (starts.length === 0) return false;
    const line = editor.selection.active.line;
    const next = direction > 0 ? starts.find(l => l > line) ?? starts[0] : [...starts].reverse().find(l => l < line) ?? starts[starts.length - 1];
    editor.selection = new vscode.Selection(next, 0, next, 0);
    editor.revealRange(new vscode.Range(next, 0, next, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  /** Esc: stop the streams of the active document (all documents when none is active). */
  cancel(): number {
    const active = this.activeController();
    const controllers = active ? [active] : this.all();
    let n = 0;
    for (const c of controllers) for (const s of c.sessions) if (s.streaming) { s.cancel(); n++; }
    return n;
  }

  /** Ends sessions overlapping [start, end) by rejecting them (a second request on the same lines). */
  async rejectOverlapping(document: vscode.TextDocument, start: number, end: number): Promise<void> {
    const c = this.controllers.get(document.uri.toString());
    if (!c) return;
    const hit = c.sessions.filter(s => s.startLine < Math.max(end, start + 1) && s.startLine + Math.max(1, s.lineCount) > start);
    if (hit.length === 0) return;
    for (const s of hit) {
      s.cancel();
      s.model.rejectAll();
      s.updateStateAfterReview();
    }
    await c.flush();
  }

  add(document: vscode.TextDocument, session: EditSession): DocumentController {
    const c = this.controller(document);
    c.add(session);
    return c;
  }

  dispose(): void {
    for (const c of this.controllers.values()) c.dispose();
    this.controllers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
