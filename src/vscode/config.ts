// Reads Fast Inline's settings. In Restricted Mode (an untrusted workspace) only the user's own
// settings count: a cloned repository's .vscode/settings.json must not steer where requests go.
import * as vscode from 'vscode';
import { ProviderId, getProvider, isProviderId } from '../core/model/providers';

export const SECTION = 'fastInline';

function read<T>(key: string, fallback: T): T {
  const config = vscode.workspace.getConfiguration(SECTION);
  if (!vscode.workspace.isTrusted) {
    const inspected = config.inspect<T>(key);
    return (inspected?.globalValue ?? inspected?.defaultValue ?? fallback) as T;
  }
  return config.get<T>(key, fallback);
}

/**
 * The exclusion globs: the user's list (or the default one) always applies; a trusted workspace
 * may add patterns but never take one away, so a cloned repository cannot get its .env sent.
 */
function readExcludes(): string[] {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string[]>('excludeFiles');
  const own = inspected?.globalValue ?? inspected?.defaultValue ?? [];
  const workspace = vscode.workspace.isTrusted ? [...inspected?.workspaceValue ?? [], ...inspected?.workspaceFolderValue ?? []] : [];
  return [...new Set([...own, ...workspace].filter(g => typeof g === 'string' && g.trim() !== ''))];
}

/** Where a setting's effective value comes from, for the workspace-redirect check. */
export function settingScope(key: string): 'workspace' | 'user' | 'default' {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect(key);
  if (vscode.workspace.isTrusted && (inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined)) {
    return 'workspace';
  }
  return inspected?.globalValue !== undefined ? 'user' : 'default';
}

export interface Settings {
  provider: ProviderId;
  model: string;
  baseUrl: string;
  contextTokens: number;
  excludeFiles: string[];
  firstTokenTimeoutMs: number;
  maxOutputTokens: number;
}

let cached: Settings | undefined;
let watching: vscode.Disposable | undefined;

/** The settings, read once and again only after a configuration or trust change (the status bar reads them 4×/s). */
export function readSettings(): Settings {
  if (!watching) {
    const reset = () => { cached = undefined; };
    watching = vscode.Disposable.from(
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(SECTION)) reset(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(reset),
    );
  }
  return (cached ??= readSettingsNow());
}

function readSettingsNow(): Settings {
  const providerSetting = read<string>('provider', 'xai');
  const provider: ProviderId = isProviderId(providerSetting) ? providerSetting : 'xai';
  const preset = getProvider(provider);
  return {
    provider,
    model: read<string>('model', '').trim() || preset.defaultModel,
    baseUrl: (read<string>('baseUrl', '').trim() || preset.baseUrl).replace(/\/+$/, ''),
    contextTokens: Math.max(0, read<number>('contextTokens', 6000)),
    excludeFiles: readExcludes(),
    firstTokenTimeoutMs: Math.max(1, read<number>('firstTokenTimeoutSeconds', 30)) * 1000,
    maxOutputTokens: Math.max(16, read<number>('maxOutputTokens', 8192)),
  };
}

export async function updateUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
