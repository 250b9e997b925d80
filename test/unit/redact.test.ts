// Unit tests of secret redaction (src/core/redact.ts).

import * as assert from 'assert';
import { forgetSecret, hostOf, redact, registerSecret } from '../../src/core/redact';

describe('redact', () => {
  const registered: string[] = [];
  const register = (s: string) => {
    registered.push(s);
    registerSecret(s);
  };
  afterEach(() => {
    for (const s of registered.splice(0)) forgetSecret(s);
  });

  it('removes a registered secret everywhere it appears', () => {
    register('my-own-secret-value');
    assert.strictEqual(
      redact('a my-own-secret-value b my-own-secret-value\nmy-own-secret-value'),
      'a [redacted] b [redacted]\n[redacted]',
    );
    assert.strictEqual(redact('prefixmy-own-secret-valuesuffix'), 'prefix[redacted]suffix');
  });

  it('handles regex characters in a registered secret literally', () => {
    register('a.b*c+d?(e)[f]');
    assert.strictEqual(redact('x a.b*c+d?(e)[f] y aXbbcd'), 'x [redacted] y aXbbcd');
  });

  it('forgets a secret', () => {
    registerSecret('temporary-secret-1');
    forgetSecret('temporary-secret-1');
    assert.strictEqual(redact('temporary-secret-1'), 'temporary-secret-1');
  });

  it('does not register short strings (< 8 characters), nor undefined / empty', () => {
    registerSecret('short');
    registerSecret('1234567');
    registerSecret(undefined);
    registerSecret('');
    try {
      assert.strictEqual(redact('a short 1234567 text'), 'a short 1234567 text');
    } finally {
      forgetSecret('short');
      forgetSecret('1234567');
    }
    register('12345678');
    assert.strictEqual(redact('pin 12345678'), 'pin [redacted]');
  });

  it('Bearer tokens keep the word Bearer', () => {
    assert.strictEqual(redact('Authorization: Bearer abcdEFGH1234.-_~+/='), 'Authorization: Bearer [redacted]');
    assert.strictEqual(redact('authorization: bearer   abcdefgh12345678'), 'authorization: bearer   [redacted]');
    assert.strictEqual(redact('Bearer short'), 'Bearer short', 'too short to be a token');
  });

  it('provider key patterns: xai-, sk-, sk-proj-, sk-or-v1-, sk-ant-, gsk_, csk-', () => {
    const keys = [
      'xai-AbCdEfGh12345678',
      'sk-1234567890abcdef',
      'sk-proj-abc_DEF-123456789',
      'sk-or-v1-0123456789abcdef0123',
      'sk-ant-api03-abcdefgh',
      'gsk_abcdefghijklmnop',
      'csk-abcdefgh12345678',
    ];
    for (const k of keys) {
      const out = redact(`key=${k} (invalid)`);
      assert.strictEqual(out, 'key=[redacted] (invalid)', k);
    }
    assert.strictEqual(redact('{"error":"Incorrect API key provided: xai-AbCdEfGh12345678."}'), '{"error":"Incorrect API key provided: [redacted]."}');
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['task-manager-component', 'risk-assessment', 'xai-short', 'sk-1234', 'Bearer', 'the grok-code-fast-1 model', 'https://api.x.ai/v1']) {
      assert.strictEqual(redact(text), text);
    }
  });

  it('hostOf names the host only (no path, query or credentials)', () => {
    assert.strictEqual(hostOf('https://user:pass@api.x.ai:8443/v1/chat?key=abc'), 'api.x.ai:8443');
    assert.strictEqual(hostOf('http://127.0.0.1:1234/v1'), '127.0.0.1:1234');
    assert.strictEqual(hostOf('not a url'), 'not a url');
  });
});
