// Runs the REAL DocumentController and EditSession (src/vscode) in plain Node: a minimal stand-in
// for the `vscode` module (only what those two files use: Range, EndOfLine, TextDocumentChangeReason,
// window.activeTextEditor / visibleTextEditors) and a fake editor over a SimDocument whose edit()
// applies the builder's replacements and fires the change event back into the controller, the way
// VS Code does before edit() resolves. Used to confirm, on the shipped code, what the simulation
// (simController.ts) finds.

import * as path from 'path';
import type { DocumentController } from '../../../src/vscode/documentController';
import type { EditSession } from '../../../src/vscode/editSession';
import type { StreamEvent } from '../../../src/core/stream/events';
import type { CleanOptions } from '../../../src/core/stream/cleanAnswer';
import { Pos, SimDocument } from './simDocument';

// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');

class Position { constructor(readonly line: number, readonly character: number) {} }
class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(sl: number, sc: number, el: number, ec: number) { this.start = new Position(sl, sc); this.end = new Position(el, ec); }
}

const stub = {
  Position, Range,
  EndOfLine: { LF: 1, CRLF: 2 },
  TextDocumentChangeReason: { Undo: 1, Redo: 2 },
  window: {
    activeTextEditor: undefined as unknown,
    visibleTextEditors: [] as unknown[],
    showErrorMessage: () => undefined,
  },
};

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
}

let loaded: { DocumentController: typeof DocumentController; EditSession: typeof EditSession } | undefined;

/** The compiled controller and session, loaded against the stub (once). */
function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const M = Module as unknown as ModuleInternals & (new (id: string) => { filename: string; loaded: boolean; exports: unknown });
  const fake = path.join(__dirname, '__vscode_stub__.js');
  const original = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? fake : original.call(this, request, ...rest);
  };
  try {
    const m = new M(fake);
    m.filename = fake;
    m.loaded = true;
    m.exports = stub;
    M._cache[fake] = m;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dc = require('../../../src/vscode/documentController') as { DocumentController: typeof DocumentController };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const es = require('../../../src/vscode/editSession') as { EditSession: typeof EditSession };
    loaded = { DocumentController: dc.DocumentController, EditSession: es.EditSession };
  } finally {
    M._resolveFilename = original;
  }
  return loaded;
}

export interface RealHarness {
  doc: SimDocument;
  controller: DocumentController;
  logs: string[];
  /** A session over lines [start, end) of the document, added to the controller. */
  session(start: number, end: number): EditSession;
  /** The user's own change: applied to the document, then reported to the controller. */
  userEdit(start: Pos, end: Pos, text: string): void;
  dispose(): void;
}

/** A fresh controller over a document with the given text. */
export function realController(text: string, eol: '\n' | '\r\n' = '\n'): RealHarness {
  const { DocumentController, EditSession } = load();
  const doc = new SimDocument(text, eol);
  const logs: string[] = [];
  const fakeDoc = {
    uri: { toString: () => 'file:///fuzz/doc.ts' },
    get eol() { return doc.eol === '\r\n' ? 2 : 1; },
    get lineCount() { return doc.lineCount; },
    lineAt: (l: number) => ({ text: doc.lineAt(l) }),
    getText: () => doc.text,
    isClosed: false,
  };
  let controller: DocumentController | undefined;
  const editor = {
    document: fakeDoc,
    edit: async (build: (b: { replace(r: Range, t: string): void }) => void): Promise<boolean> => {
      const reps: { range: Range; text: string }[] = [];
      build({ replace: (range, t) => reps.push({ range, text: t }) });
      // Non-overlapping replacements, applied from the bottom up so positions stay valid.
      const sorted = [...reps].sort((x, y) => y.range.start.line - x.range.start.line || y.range.start.character - x.range.start.character);
      for (const rep of sorted) doc.replace(rep.range.start, rep.range.end, rep.text);
      controller!.onDidChange({ document: fakeDoc, contentChanges: reps.map(rep => ({ range: rep.range, text: rep.text })), reason: undefined } as never);
      return true;
    },
  };
  stub.window.activeTextEditor = editor;
  stub.window.visibleTextEditors = [editor];
  const log = { info: (m: string) => logs.push(`info: ${m}`), warn: (m: string) => logs.push(`warn: ${m}`), error: (m: unknown) => logs.push(`error: ${m instanceof Error ? m.stack : String(m)}`), debug: () => undefined };
  controller = new DocumentController(fakeDoc as never, { draw: () => undefined } as never, { changed: () => undefined, retired: () => undefined, log: log as never });
  const ctl = controller;
  return {
    doc,
    controller: ctl,
    logs,
    session(start, end) {
      const original = doc.lines().slice(start, end);
      const s = new EditSession(start, original, { onEvent: () => undefined } as never, { requestFrame: () => undefined, streamEnded: () => undefined });
      ctl.add(s);
      return s;
    },
    userEdit(start, end, t) {
      doc.replace(start, end, t);
      ctl.onDidChange({ document: fakeDoc, contentChanges: [{ range: new Range(start.line, start.character, end.line, end.character), text: t }], reason: undefined } as never);
    },
    dispose() { ctl.dispose(); },
  };
}

/** A model stream that releases its text pieces one `release()` at a time, then ends. */
export function gatedEvents(pieces: string[]): { events: AsyncIterable<StreamEvent>; release(): void } {
  const waiting: (() => void)[] = [];
  let credits = 0;
  const gate = () => new Promise<void>(resolve => { if (credits > 0) { credits--; resolve(); } else waiting.push(resolve); });
  async function* events(): AsyncIterable<StreamEvent> {
    for (const text of pieces) {
      await gate();
      yield { kind: 'text', text, at: 0 };
    }
    await gate();
    yield { kind: 'end', finishReason: 'stop', at: 0 };
  }
  return { events: events(), release() { const w = waiting.shift(); if (w) w(); else credits++; } };
}

export const PLAIN_CLEAN: CleanOptions = { style: { insertSpaces: true, tabSize: 2 }, baseIndent: '', leadingBlank: 0, trailingBlank: 0 };

/** Lets the pipeline's async generators run until they wait for input. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise(resolve => setImmediate(resolve));
}
