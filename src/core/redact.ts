// Keeps API keys out of everything the extension writes (logs, messages, ledger). Every key the
// extension has handled is registered here, and every string that leaves goes through redact().

const known = new Set<string>();

/** Remember a secret so that redact() removes it wherever it appears. Ignores short values. */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 8) known.add(secret);
}

export function forgetSecret(secret: string | undefined): void {
  if (secret) known.delete(secret);
}

/** Patterns of credentials we never wrote down ourselves (e.g. echoed back in an error body). */
const PATTERNS: RegExp[] = [
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(xai-|sk-or-v1-|sk-proj-|sk-ant-|sk-|gsk_|csk-)[A-Za-z0-9_-]{8,}/g,
];

export function redact(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  for (const re of PATTERNS) {
    out = out.replace(re, (_m, prefix: string) => (/^Bearer/i.test(prefix) ? `${prefix}[redacted]` : '[redacted]'));
  }
  return out;
}

/** Host of a URL, for messages that must name where a request went without leaking a path or query. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
