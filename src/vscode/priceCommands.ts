// Set Model Price…: the one-click answer to "unknown price". Writes a `fastInline.pricing` entry
// (USD per million tokens) for the current provider/model in user settings.
import * as vscode from 'vscode';
import { lookupPrice } from '../core/metering/prices';
import { readSettings, updateUserSetting } from './config';
import { priceOverrides } from './meterServices';
import { Log } from './log';

interface PriceArgs { provider?: string; model?: string; input?: number; cachedInput?: number; output?: number }

async function askNumber(title: string, prompt: string, value: number | undefined, optional = false): Promise<number | undefined | null> {
  const answer = await vscode.window.showInputBox({
    title, prompt, value: value === undefined ? '' : String(value), ignoreFocusOut: true,
    placeHolder: optional ? 'Leave empty to bill cached input at the input price' : 'USD per million tokens, e.g. 0.20',
    validateInput: v => (v.trim() === '' && optional) || (Number.isFinite(Number(v)) && Number(v) >= 0 && v.trim() !== '') ? undefined : 'A number ≥ 0, in USD per million tokens.',
  });
  if (answer === undefined) return null;
  return answer.trim() === '' ? undefined : Number(answer);
}

export function registerPriceCommands(log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('fastInline.setPrice', async (args?: PriceArgs) => {
      const settings = readSettings();
      const provider = args?.provider ?? settings.provider;
      const model = args?.model ?? settings.model;
      const known = lookupPrice(settings.provider, model, priceOverrides());
      const title = `Price of ${model} (${provider}), USD per million tokens`;
      const input = args?.input ?? await askNumber(title, 'Input tokens', known?.input);
      if (input === null || input === undefined) return false;
      const cached = args ? args.cachedInput : await askNumber(title, 'Cached input tokens (optional)', known?.cachedInput, true);
      if (cached === null) return false;
      const output = args?.output ?? await askNumber(title, 'Output tokens (reasoning included)', known?.output);
      if (output === null || output === undefined) return false;
      const pricing = { ...vscode.workspace.getConfiguration('fastInline').inspect<Record<string, unknown>>('pricing')?.globalValue };
      pricing[`${provider}/${model}`] = { input, ...(cached !== undefined ? { cachedInput: cached } : {}), output };
      await updateUserSetting('pricing', pricing);
      log.info(`Price set for ${provider}/${model}: in ${input}, cached ${cached ?? input}, out ${output} USD per million.`);
      return true;
    }),
  ];
}
