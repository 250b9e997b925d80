// Select Model…: the provider first (presets), then its live model list. Both land in user
// settings; the choice is shown in the status bar.
import * as vscode from 'vscode';
import { PROVIDER_IDS, ProviderId, getProvider, isProviderId } from '../core/model/providers';
import { listModels } from '../core/model/modelList';
import { KeyStore } from './keyStore';
import { readSettings, updateUserSetting } from './config';
import { Log } from './log';

export function registerModelCommands(keys: KeyStore, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('fastInline.selectModel', async (args?: { provider?: string; model?: string }) => {
      let settings = readSettings();
      let provider: ProviderId | undefined = isProviderId(args?.provider) ? args.provider : undefined;
      if (!provider && !args?.model) {
        const picked = await vscode.window.showQuickPick(
          PROVIDER_IDS.map(id => ({ label: getProvider(id).label, description: id === settings.provider ? 'current' : '', detail: getProvider(id).baseUrl, id })),
          { title: 'Select Model: provider', placeHolder: 'Which provider answers?', ignoreFocusOut: true });
        if (!picked) return undefined;
        provider = picked.id;
      }
      if (provider && provider !== settings.provider) {
        await updateUserSetting('provider', provider);
        await updateUserSetting('model', '');
        settings = readSettings();
      }
      const preset = getProvider(settings.provider);
      let model = args?.model;
      if (!model) {
        const { key } = await keys.get(settings.provider);
        const list = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Fetching ${preset.label} models…` },
          () => listModels(settings.baseUrl, key, preset));
        if (list.problem) log.warn(`Model list unavailable (${list.problem}); showing the preset's list.`);
        const items: vscode.QuickPickItem[] = list.models.map(id => ({ label: id, description: id === settings.model ? 'current' : '' }));
        const quick = vscode.window.createQuickPick();
        quick.title = `Select Model: ${preset.label}${list.source === 'fallback' ? ' (live list unavailable)' : ''}`;
        quick.placeholder = 'Pick a model, or type a model id and press Enter';
        quick.items = items;
        quick.onDidChangeValue(v => { quick.items = v && !list.models.includes(v) ? [{ label: v, description: 'custom id' }, ...items] : items; });
        model = await new Promise<string | undefined>(resolve => {
          quick.onDidAccept(() => resolve(quick.selectedItems[0]?.label ?? (quick.value || undefined)));
          quick.onDidHide(() => resolve(undefined));
          quick.show();
        });
        quick.dispose();
      }
      if (!model) return undefined;
      await updateUserSetting('model', model === preset.defaultModel ? '' : model);
      log.info(`Model set to ${preset.label} ${model}.`);
      return model;
    }),
  ];
}
