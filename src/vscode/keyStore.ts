// API keys: one per provider in VS Code's SecretStorage (the OS keychain on desktop), never in
// settings. The provider's environment variable (e.g. XAI_API_KEY) is the fallback when none is stored.
import * as vscode from 'vscode';
import { ProviderId, getProvider } from '../core/model/providers';
import { registerSecret } from '../core/redact';

export type KeySource = 'secret-storage' | 'environment' | 'none';

export class KeyStore implements vscode.Disposable {
  /** Reading SecretStorage is a round trip to the workbench (keychain): keep what was read. */
  private readonly cache = new Map<ProviderId, string | null>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Another window may change a key: forget what we remembered of it.
    this.sub = secrets.onDidChange(e => {
      const provider = /^fastInline\.apiKey\.(.+)$/.exec(e.key)?.[1];
      if (provider) this.cache.delete(provider as ProviderId);
    });
  }

  dispose(): void {
    this.sub.dispose();
  }

  private async stored(provider: ProviderId): Promise<string | undefined> {
    if (!this.cache.has(provider)) this.cache.set(provider, (await this.secrets.get(KeyStore.secretName(provider))) ?? null);
    return this.cache.get(provider) ?? undefined;
  }

  private static secretName(provider: ProviderId): string {
    return `fastInline.apiKey.${provider}`;
  }

  async get(provider: ProviderId): Promise<{ key: string | undefined; source: KeySource }> {
    const stored = await this.stored(provider);
    if (stored) {
      registerSecret(stored);
      return { key: stored, source: 'secret-storage' };
    }
    const envVar = getProvider(provider).keyEnvVar;
    const fromEnv = envVar ? process.env[envVar]?.trim() : undefined;
    if (fromEnv) {
      registerSecret(fromEnv);
      return { key: fromEnv, source: 'environment' };
    }
    return { key: undefined, source: 'none' };
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    registerSecret(key);
    this.cache.set(provider, key);
    await this.secrets.store(KeyStore.secretName(provider), key);
  }

  async delete(provider: ProviderId): Promise<void> {
    // The old key stays registered for redaction: it may still appear in a late error message.
    this.cache.set(provider, null);
    await this.secrets.delete(KeyStore.secretName(provider));
  }

  async has(provider: ProviderId): Promise<boolean> {
    return (await this.stored(provider)) !== undefined;
  }
}
