// The extension's log: VS Code's LogOutputChannel (levels, timestamps, "Set Log Level…"), with
// every message passed through redact() so a key can never reach the Output panel or a log file.
import * as vscode from 'vscode';
import { redact } from '../core/redact';

export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  show(): void;
}

export function createLog(): Log & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Fast Inline', { log: true });
  const text = (m: string | Error) => redact(m instanceof Error ? `${m.message}${m.stack ? `\n${m.stack}` : ''}` : m);
  return {
    trace: m => channel.trace(text(m)),
    debug: m => channel.debug(text(m)),
    info: m => channel.info(text(m)),
    warn: m => channel.warn(text(m)),
    error: m => channel.error(text(m)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
