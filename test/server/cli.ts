// Run the fake provider by hand, e.g. to point a development VS Code at it:
//   node out/test/server/cli.js --port 0 --dialect xai --tps 200 --text-file reply.txt
// Prints the server URL and the dialect's base URL, then answers every chat request with the
// same script until Ctrl+C. Options: --port N, --dialect D, --tps N, --ttft MS,
// --chunk-tokens N, --text S | --text-file F, --reasoning S | --reasoning-file F,
// --require-key K, --status N.
import { readFileSync } from 'node:fs';
import { FakeProvider, isDialect, type ReplyScript } from './fakeProvider';

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else out.set(a.slice(2), argv[++i] ?? '');
  }
  return out;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
  return n;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dialect = args.get('dialect') ?? 'xai';
  if (!isDialect(dialect)) throw new Error(`unknown dialect: ${dialect}`);
  const script: ReplyScript = {
    text: args.has('text-file') ? readFileSync(args.get('text-file')!, 'utf8') : (args.get('text') ?? 'ok'),
    reasoning: args.has('reasoning-file') ? readFileSync(args.get('reasoning-file')!, 'utf8') : args.get('reasoning'),
    tokensPerSecond: num(args.get('tps')),
    ttftMs: num(args.get('ttft')),
    chunkTokens: num(args.get('chunk-tokens')),
    status: num(args.get('status')),
  };
  const server = await FakeProvider.start({ port: num(args.get('port')) ?? 0 });
  server.setDefault(script);
  if (args.has('require-key')) server.requireKey = args.get('require-key');
  console.log(server.url);
  console.log(`base URL (${dialect}): ${server.baseUrl(dialect)}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Log each chat request as it arrives (this wait also keeps the process alive).
  for (let n = 1; ; n++) {
    const reqs = await server.waitForRequests(n, 2 ** 31 - 1).catch(() => undefined);
    if (!reqs) return;
    const r = reqs[n - 1];
    console.log(`${new Date().toISOString()} ${r.method} ${r.path} model=${r.body?.model ?? '?'} stream=${r.body?.stream === true}`);
  }
}

main().catch((e) => {
  console.error(String(e instanceof Error ? e.message : e));
  process.exit(1);
});
