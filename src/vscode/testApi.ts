// What activate() returns in VS Code's Test extension mode only (never to other extensions in
// normal use): read-only views of the sessions, so integration tests can wait on conditions
// (event-driven, no sleeps) and assert what the editor shows. It exposes no key.
import * as vscode from 'vscode';
import { ReviewLine } from '../core/review/reviewModel';
import { SessionManager } from './sessionManager';
import { MeterServices } from './meterServices';
import { StreamEnd } from './editSession';
import { StatusBar } from './statusBar';
import type { UsageReport } from './usageReport';
import type { EditRunner, RequestTimings } from './editRunner';
import type { StatusView } from '../core/metering/statusView';

export interface SessionInfo {
  id: string;
  state: 'streaming' | 'reviewing' | 'done';
  startLine: number;
  /** What the document shows for the session, line by line, with each line's kind. */
  lines: ReviewLine[];
  hunks: { start: number; end: number }[];
  end?: StreamEnd;
  summary?: string;
}

export interface FastInlineTestApi {
  activationMs: number;
  sessions(uri: vscode.Uri): SessionInfo[];
  /** Editor edits applied for the document's sessions (coalescing check). */
  editsApplied(uri: vscode.Uri): number;
  /** Round trips (ms) of those edits, while the document has sessions. */
  editRoundTrips(uri: vscode.Uri): readonly number[];
  onDidChangeSessions: vscode.Event<void>;
  meters: MeterServices;
  /** What the status bar item shows now. */
  status(): StatusView | undefined;
  usageReport: UsageReport;
  /** Where the time went before the last request (benchmarks). */
  lastRequestTimings(): RequestTimings | undefined;
  /** Answer the "send my key to this workspace's host?" question (undefined: show the real modal). */
  answerHostConfirmation(answer: boolean | undefined): void;
  /** Hosts the question was asked for. */
  hostsAsked(): readonly string[];
  /** Where the extension writes: its log folder and global storage (the secrets test greps them). */
  storage: { logUri: vscode.Uri; globalStorageUri: vscode.Uri; globalState: vscode.Memento; workspaceState: vscode.Memento };
}

export function createTestApi(activationMs: number, sessions: SessionManager, meters: MeterServices, statusBar: StatusBar, usageReport: UsageReport, runner: EditRunner,
  hostQuestion: { answer: boolean | undefined; asked: string[] }, context: vscode.ExtensionContext): FastInlineTestApi {
  const counts = new Map<string, number>();
  sessions.onDidChange(() => {
    for (const c of sessions.all()) counts.set(c.uri, c.editsApplied);
  });
  return {
    activationMs,
    meters,
    usageReport,
    lastRequestTimings: () => runner.lastTimings,
    answerHostConfirmation: answer => { hostQuestion.answer = answer; },
    hostsAsked: () => hostQuestion.asked,
    storage: { logUri: context.logUri, globalStorageUri: context.globalStorageUri, globalState: context.globalState, workspaceState: context.workspaceState },
    status: () => { statusBar.render(); return statusBar.view; },
    onDidChangeSessions: sessions.onDidChange,
    editRoundTrips: uri => sessions.find(uri.toString())?.editRoundTrips ?? [],
    editsApplied: uri => sessions.find(uri.toString())?.editsApplied ?? counts.get(uri.toString()) ?? 0,
    sessions: uri => (sessions.find(uri.toString())?.sessions ?? []).map(s => ({
      id: s.id,
      state: s.state,
      startLine: s.startLine,
      lines: s.rendered.map(l => ({ ...l })),
      hunks: s.state === 'streaming' ? [] : s.model.hunks(),
      end: s.end,
      summary: s.meter.summary(),
    })),
  };
}
