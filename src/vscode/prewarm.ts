// The first edit of a session should be as fast as the tenth. Loading the openai SDK, Node's fetch
// (undici) and the tokenizer, and reading the key from SecretStorage, otherwise lands on the first
// request's critical path (~0.9 s cold in code-server). Done here, once, in idle time after
// activation; it sends nothing anywhere.
import * as vscode from 'vscode';
import { preloadSdk } from '../core/model/modelClient';
import { defaultCountTokens } from '../core/metering/speedMeter';
import { KeyStore } from './keyStore';
import { readSettings } from './config';
import { Log } from './log';

const PREWARM_DELAY_MS = 1500;

export function schedulePrewarm(keys: KeyStore, log: Log): vscode.Disposable {
  const timer = setTimeout(() => void prewarm(keys, log), PREWARM_DELAY_MS);
  timer.unref?.();
  return { dispose: () => clearTimeout(timer) };
}

async function prewarm(keys: KeyStore, log: Log): Promise<void> {
  const t0 = performance.now();
  try {
    await preloadSdk();
    await (await fetch('data:,')).text(); // loads undici without any network traffic
    defaultCountTokens('warm up the tokenizer');
    await keys.get(readSettings().provider);
    log.debug(`Prewarmed the SDK, fetch, tokenizer and key in ${(performance.now() - t0).toFixed(0)} ms.`);
  } catch (e) {
    log.debug(`Prewarm skipped: ${(e as Error).message}`);
  }
}
