// A small HTTP control API so a fake provider running in ANOTHER process (the benchmark runner,
// keeping the extension host's CPU figures its own) can be scripted and read from the extension
// host: POST /_control/enqueue, POST /_control/reset, GET /_control/requests, GET /_control/now.
// Times are the server's performance.now(); a client maps them onto its own clock by pinging /now
// (performance.timeOrigin is not comparable across processes: the wall clock may have been
// adjusted between their starts).
import type { IncomingMessage, ServerResponse } from 'http';
import type { FakeProvider } from './fakeProvider';
import type { ReplyScript } from './types';

export function handleControl(provider: FakeProvider, req: IncomingMessage, res: ServerResponse, raw: string, endpoint: string): void {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  try {
    if (endpoint === 'enqueue' && req.method === 'POST') {
      const scripts = JSON.parse(raw) as ReplyScript[];
      provider.enqueue(...scripts);
      return send(200, { queued: scripts.length });
    }
    if (endpoint === 'reset' && req.method === 'POST') {
      provider.reset();
      return send(200, { ok: true });
    }
    if (endpoint === 'now' && req.method === 'GET') {
      return send(200, { now: performance.now() });
    }
    if (endpoint === 'requests' && req.method === 'GET') {
      const requests = provider.chatRequests().map(({ body: _body, script: _script, ...timing }) => timing);
      return send(200, { timeOrigin: performance.timeOrigin, requests });
    }
    send(404, { error: `unknown control endpoint ${req.method} ${endpoint}` });
  } catch (e) {
    send(400, { error: (e as Error).message });
  }
}
