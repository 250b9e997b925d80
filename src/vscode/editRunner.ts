// Starts edit sessions: one per selection, each streaming concurrently through the same pipeline.
// Collects what the model needs (region, file context, diagnostics), refuses excluded files, and
// turns failures into clear messages with the button that fixes them.
import * as vscode from 'vscode';
import { createHash } from 'crypto';
import { getProvider } from '../core/model/providers';
import { ModelError } from '../core/model/modelError';
import { ChatRequest, streamChat } from '../core/model/modelClient';
import { regionFromSelection, describeIndent, EditRegion } from '../core/context/editRegion';
import { buildFileContext } from '../core/context/fileContext';
import { buildMessages, DiagnosticInfo } from '../core/context/prompt';
import { matchesAny } from '../core/context/glob';
import { EditMeter } from '../core/metering/editMeter';
import { EditSession, StreamEnd } from './editSession';
import { SessionManager } from './sessionManager';
import { KeyStore } from './keyStore';
import { readSettings } from './config';
import { resolveAuth } from './requestAuth';
import { Log } from './log';
import { MeterServices } from './meterServices';
import { describeBudgetLine } from '../core/metering/budget';

/** One region with its own instruction (a pseudocode block carries its own steps). */
export interface EditTarget {
  region: EditRegion;
  instruction: string;
}

export interface EditSpec {
  /** The instruction for every region computed from `ranges` / the selections. */
  instruction?: string;
  /** The one-click override of a spent budget ("Allow This One"). */
  allowOverBudget?: boolean;
  /** Line ranges to edit; the editor's selections when absent. */
  ranges?: readonly vscode.Range[];
  /** Precomputed regions with their instructions, instead of ranges. */
  targets?: readonly EditTarget[];
  /** Other text the model needs (e.g. the code under test), checked against the exclusions too. */
  extraContext?: readonly { label: string; path: string; absolutePath?: string; text: string }[];
  /** Refuse when the editor reports no problem in the regions (Fix the Problems). */
  requireDiagnostics?: boolean;
}

export interface EditResult {
  sessions: string[];
  ends: StreamEnd[];
  refused?: string;
}

const DIAGNOSTIC_MARGIN = 3;
const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

/** Where the time before the request goes (Show Log at debug level; read by the benchmarks). */
export interface RequestTimings { startedAt: number; settingsMs: number; authMs: number; contextMs: number; sentMs?: number }

export class EditRunner {
  lastTimings: RequestTimings | undefined;

  constructor(private readonly deps: {
    sessions: SessionManager; keys: KeyStore; log: Log; state: vscode.Memento; meters: MeterServices;
    /** Asks before a stored key goes to a host a workspace chose (tests answer it themselves). */
    confirmHost?: (host: string, providerLabel: string) => Promise<boolean>;
  }) {}

  async run(editor: vscode.TextEditor, spec: EditSpec): Promise<EditResult> {
    const { sessions, keys, log, state } = this.deps;
    const t0 = performance.now();
    const doc = editor.document;
    const settings = readSettings();
    const preset = getProvider(settings.provider);
    const relativePath = vscode.workspace.asRelativePath(doc.uri, false);
    // Nothing from an excluded file leaves: not the file being edited, not context from another one.
    const sources = [{ relative: relativePath, absolute: doc.uri.fsPath || doc.uri.path },
      ...(spec.extraContext ?? []).map(x => ({ relative: x.path, absolute: x.absolutePath ?? x.path }))];
    const hit = sources.map(p => ({ p, pattern: matchesAny(p, settings.excludeFiles) })).find(x => x.pattern);
    if (hit) {
      const why = `Fast Inline never sends ${hit.p.relative}: it matches "${hit.pattern}" in fastInline.excludeFiles.`;
      void vscode.window.showWarningMessage(why, 'Open Setting').then(a => a && vscode.commands.executeCommand('workbench.action.openSettings', 'fastInline.excludeFiles'));
      return { sessions: [], ends: [], refused: why };
    }
    const budget = this.deps.meters.budget();
    if (budget.level === 'over' && budget.worst && !spec.allowOverBudget) {
      const why = `${describeBudgetLine(budget.worst)}: the request was not sent.`;
      void vscode.window.showWarningMessage(`Fast Inline: ${why}`, 'Allow This One', 'Change Budget').then(choice => {
        if (choice === 'Allow This One') void vscode.commands.executeCommand('fastInline.editSelection', { instruction: spec.instruction, allowOverBudget: true });
        else if (choice === 'Change Budget') void vscode.commands.executeCommand('workbench.action.openSettings', 'fastInline.budget');
      });
      return { sessions: [], ends: [], refused: why };
    }
    if (budget.level === 'over') log.warn(`Over budget (${describeBudgetLine(budget.worst!)}), sent anyway: the user allowed this one.`);
    let apiKey: string | undefined;
    const tSettings = performance.now();
    try {
      apiKey = (await resolveAuth(settings, preset, keys, state, this.deps.confirmHost)).apiKey;
    } catch (e) {
      const error = e as ModelError;
      if (error.kind !== 'cancelled') showModelError(error, log);
      return { sessions: [], ends: [], refused: error.message };
    }

    const tAuth = performance.now();
    // A second request on lines under review ends that review first (its original comes back).
    const spans = spec.targets?.map(t => [t.region.startLine, t.region.endLine] as const)
      ?? (spec.ranges ?? editor.selections).map(r => [r.start.line, r.end.line + 1] as const);
    for (const [from, to] of spans) await sessions.rejectOverlapping(doc, from, to);
    const lines = doc.getText().split(/\r?\n/);
    const targets: EditTarget[] = spec.targets ? [...spec.targets]
      : mergeRegions((spec.ranges ?? editor.selections).map(r => regionFromSelection(lines, {
        startLine: r.start.line, startChar: r.start.character, endLine: r.end.line, endChar: r.end.character,
      }))).map(region => ({ region, instruction: spec.instruction ?? '' }));
    if (spec.requireDiagnostics && targets.every(t => diagnosticsNear(doc, t.region, 0).length === 0)) {
      const why = 'The editor reports no problems in the selection.';
      void vscode.window.showInformationMessage(`Fast Inline: ${why}`);
      return { sessions: [], ends: [], refused: why };
    }

    const indent = {
      insertSpaces: editor.options.insertSpaces !== false,
      tabSize: typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4,
    };
    const controller = sessions.controller(doc);
    const convId = createHash('sha256').update(doc.uri.toString()).digest('hex').slice(0, 32);
    const started: Promise<void>[] = [];
    const created: EditSession[] = [];
    for (const { region, instruction } of targets) {
      const messages = buildMessages({
        relativePath, languageId: doc.languageId, indentDescription: describeIndent(indent),
        file: buildFileContext(lines, region.startLine, region.endLine, settings.contextTokens),
        lines, regionStart: region.startLine, regionEnd: region.endLine, partialSelection: region.partialSelection,
        instruction, diagnostics: diagnosticsNear(doc, region), extraContext: spec.extraContext,
      });
      const request: ChatRequest = {
        providerLabel: preset.label, baseUrl: settings.baseUrl, apiKey, model: settings.model, messages,
        maxTokens: settings.maxOutputTokens, maxTokensField: settings.provider === 'openai' ? 'max_completion_tokens' : 'max_tokens',
        headers: { ...preset.headers, ...(preset.conversationHeader ? { [preset.conversationHeader]: convId } : {}) },
        firstTokenTimeoutMs: settings.firstTokenTimeoutMs,
      };
      const meter: EditMeter = this.deps.meters.create({ provider: settings.provider, model: settings.model, dialect: preset.dialect, language: doc.languageId, messages });
      const session = new EditSession(region.startLine, lines.slice(region.startLine, region.endLine), meter, {
        requestFrame: () => controller.requestFrame(),
        streamEnded: (_s, end) => this.deps.meters.streamEnded(meter, end.kind === 'complete' ? 'complete' : end.kind === 'error' ? 'error' : 'cancelled'),
      });
      controller.add(session);
      created.push(session);
      log.info(`Edit ${session.id}: ${relativePath} lines ${region.startLine + 1}–${region.endLine} → ${preset.label} ${settings.model} at ${new URL(settings.baseUrl).host}`);
      const timings: RequestTimings = { startedAt: t0, settingsMs: tSettings - t0, authMs: tAuth - tSettings, contextMs: performance.now() - tAuth };
      this.lastTimings = timings;
      started.push(session.run(streamChat(request, session.signal, {
        onAttempt: () => {
          timings.sentMs = performance.now() - t0;
          log.debug(`Edit ${session.id}: request sent ${timings.sentMs.toFixed(1)} ms after the command (settings ${timings.settingsMs.toFixed(1)}, key ${timings.authMs.toFixed(1)}, context ${timings.contextMs.toFixed(1)} ms).`);
        },
        onRetry: (attempt, waitMs, reason) => log.warn(`Edit ${session.id}: attempt ${attempt} failed (${reason}); retrying in ${waitMs} ms.`),
        onMalformed: data => log.warn(`Edit ${session.id}: skipped a malformed stream line: ${data.slice(0, 200)}`),
      }), { style: indent, baseIndent: region.baseIndent, leadingBlank: region.leadingBlank, trailingBlank: region.trailingBlank,
        blankBefore: region.blankBefore,
        keepFences: /^\s*(```|~~~)/.test(lines[region.startLine] ?? '') && region.endLine > region.startLine }));
    }

    // A selection left over the diff would let one keystroke replace it: put the cursor at the
    // start once the first lines are drawn (not before: moving it now would make VS Code ask every
    // code-action provider about the new position while our request waits to be written).
    if (created.length) {
      created[0].onFirstDraw = () => {
        if (editor.selections.some(s => !s.isEmpty)) {
          const line = created[0].startLine;
          editor.selections = [new vscode.Selection(line, 0, line, 0)];
        }
      };
    }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fast Inline: streaming' }, () => Promise.all(started));
    await controller.flush();
    const ends = created.map(s => s.end ?? { kind: 'complete' as const });
    reportEnds(created, ends, log);
    return { sessions: created.map(s => s.id), ends };
  }
}

/** Overlapping or touching selections (several cursors on one block) become one region. */
function mergeRegions(regions: EditRegion[]): EditRegion[] {
  const sorted = [...regions].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
  const out: EditRegion[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.startLine < last.endLine) {
      last.endLine = Math.max(last.endLine, r.endLine);
      last.partialSelection = undefined;
    } else if (!last || r.startLine !== last.startLine || r.endLine !== last.endLine) {
      out.push({ ...r });
    }
  }
  return out;
}

function diagnosticsNear(doc: vscode.TextDocument, region: EditRegion, margin = DIAGNOSTIC_MARGIN): DiagnosticInfo[] {
  const from = region.startLine - margin;
  const to = Math.max(region.startLine, region.endLine - 1) + margin;
  return vscode.languages.getDiagnostics(doc.uri)
    .filter(d => d.range.end.line >= from && d.range.start.line <= to)
    .slice(0, 30)
    .map(d => ({ line: d.range.start.line, severity: SEVERITY[d.severity] ?? 'error', message: d.message, source: d.source }));
}

function reportEnds(sessions: EditSession[], ends: StreamEnd[], log: Log): void {
  ends.forEach((end, i) => {
    const s = sessions[i];
    if (end.kind === 'error') {
      log.error(`Edit ${s.id} failed: ${end.error.message}`);
      if (end.partial) {
        void vscode.window.showWarningMessage(`Fast Inline: ${end.error.message} What arrived is ready for review.`, 'Show Log')
          .then(a => a && vscode.commands.executeCommand('fastInline.showLog'));
      } else {
        showModelError(end.error, log);
      }
    } else if (end.kind === 'complete' && s.emptyAnswer) {
      log.warn(`Edit ${s.id}: the model returned an empty answer; nothing was changed.`);
      void vscode.window.showWarningMessage('Fast Inline: the model returned an empty answer. Nothing was changed.');
    } else if (end.kind === 'complete' && s.state === 'done') {
      void vscode.window.setStatusBarMessage('Fast Inline: the model proposed no changes.', 4000);
    }
  });
}

export function showModelError(error: ModelError, log: Log): void {
  const actions: Record<string, string | undefined> = {
    'no-key': 'Set API Key', auth: 'Set API Key', 'not-found': 'Select Model',
  };
  const action = actions[error.kind];
  const buttons = [action, 'Show Log'].filter((b): b is string => !!b);
  log.warn(error.message);
  void vscode.window.showErrorMessage(`Fast Inline: ${error.message}`, ...buttons).then(choice => {
    if (choice === 'Set API Key') void vscode.commands.executeCommand('fastInline.setApiKey');
    else if (choice === 'Select Model') void vscode.commands.executeCommand('fastInline.selectModel');
    else if (choice === 'Show Log') void vscode.commands.executeCommand('fastInline.showLog');
  });
}
