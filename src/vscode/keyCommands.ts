// Set API Key… / Remove Stored API Key…: the only ways a key enters or leaves SecretStorage.
import * as vscode from 'vscode';
import { PROVIDER_IDS, ProviderId, getProvider, isProviderId } from '../core/model/providers';
import { KeyStore } from './keyStore';
import { readSettings } from './config';
import { Log } from './log';

interface ProviderPick extends vscode.QuickPickItem { provider: ProviderId }

async function pickProvider(title: string, keyStore: KeyStore, onlyStored: boolean): Promise<ProviderId | undefined> {
  const current = readSettings().provider;
  const items: ProviderPick[] = [];
  for (const id of [current, ...PROVIDER_IDS.filter(p => p !== current)]) {
    const preset = getProvider(id);
    const stored = await keyStore.has(id);
    if (onlyStored ? !stored : !preset.needsKey && id !== current && id !== 'custom') continue;
    const notes = [id === current ? 'current provider' : '', stored ? 'key stored' : '',
      preset.keyEnvVar && process.env[preset.keyEnvVar] ? `${preset.keyEnvVar} set` : ''].filter(Boolean);
    items.push({ label: preset.label, description: notes.join(' · '), detail: preset.baseUrl, provider: id });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Fast Inline has no stored API keys.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Provider', ignoreFocusOut: true });
  return picked?.provider;
}

export function registerKeyCommands(keyStore: KeyStore, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('fastInline.setApiKey', async (args?: { provider?: string; key?: string }) => {
      const provider = isProviderId(args?.provider) ? args.provider : await pickProvider('Set API Key', keyStore, false);
      if (!provider) return false;
      const preset = getProvider(provider);
      const key = (args?.key ?? await vscode.window.showInputBox({
        title: `API key for ${preset.label}`,
        prompt: `Stored in VS Code's secret storage, never in settings.${preset.keyEnvVar ? ` Without one, ${preset.keyEnvVar} is used.` : ''}`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'Paste the key',
        validateInput: v => (v.trim() === '' ? 'The key is empty.' : /\s/.test(v.trim()) ? 'A key has no spaces.' : undefined),
      }))?.trim();
      if (!key) return false;
      await keyStore.set(provider, key);
      log.info(`API key for ${preset.label} stored in secret storage.`);
      void vscode.window.showInformationMessage(`Fast Inline: API key for ${preset.label} stored securely.`);
      return true;
    }),
    vscode.commands.registerCommand('fastInline.clearApiKey', async (args?: { provider?: string }) => {
      const provider = isProviderId(args?.provider) ? args.provider : await pickProvider('Remove Stored API Key', keyStore, true);
      if (!provider) return false;
      await keyStore.delete(provider);
      log.info(`API key for ${getProvider(provider).label} removed from secret storage.`);
      void vscode.window.showInformationMessage(`Fast Inline: stored API key for ${getProvider(provider).label} removed.`);
      return true;
    }),
  ];
}
