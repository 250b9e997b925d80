// Where a request may go and with which key. A key is only sent to a host the user chose: a base
// URL set by a workspace (a cloned repo's .vscode/settings.json) needs a one-time confirmation
// before a stored key travels there.
import * as vscode from 'vscode';
import { ProviderPreset } from '../core/model/providers';
import { ModelError } from '../core/model/modelError';
import { hostOf } from '../core/redact';
import { KeyStore } from './keyStore';
import { Settings, settingScope } from './config';

const CONFIRMED_HOSTS = 'fastInline.confirmedHosts';

export interface ResolvedAuth {
  apiKey: string | undefined;
}

/** The one-time question before a stored key goes to a host chosen by a workspace's settings. */
export async function askToConfirmHost(host: string, providerLabel: string): Promise<boolean> {
  const allow = 'Send My Key There';
  const answer = await vscode.window.showWarningMessage(
    `This workspace's settings send Fast Inline requests to ${host}. Send your ${providerLabel} API key to ${host}?`,
    { modal: true, detail: 'A base URL from a workspace could be a cloned repository redirecting your key. Allow it only if you trust this host.' },
    allow);
  return answer === allow;
}

export async function resolveAuth(settings: Settings, preset: ProviderPreset, keys: KeyStore, state: vscode.Memento,
  confirm: (host: string, providerLabel: string) => Promise<boolean> = askToConfirmHost): Promise<ResolvedAuth> {
  const { key } = await keys.get(settings.provider);
  if (!key) {
    if (preset.needsKey) throw new ModelError('no-key', `No API key for ${preset.label}. Set one with "Fast Inline: Set API Key…"${preset.keyEnvVar ? ` or the ${preset.keyEnvVar} environment variable` : ''}.`);
    return { apiKey: undefined };
  }
  if (settingScope('baseUrl') === 'workspace') {
    const host = hostOf(settings.baseUrl);
    const confirmed = state.get<string[]>(CONFIRMED_HOSTS, []);
    if (!confirmed.includes(host)) {
      if (!await confirm(host, preset.label)) throw new ModelError('cancelled', `Not sending your ${preset.label} key to ${host}: that host was set by this workspace and not confirmed.`);
      await state.update(CONFIRMED_HOSTS, [...confirmed, host]);
    }
  }
  return { apiKey: key };
}
