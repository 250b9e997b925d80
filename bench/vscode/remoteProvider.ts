// The benchmarks' fake provider runs in the runner's process (so the extension host's CPU time is
// the extension's own); this client scripts it over its control API and maps its timestamps onto
// this process's performance.now() clock through a ping-measured offset.
import type { ReplyScript } from '../../test/server/types';

export interface RemoteRequest {
  receivedAt: number;
  firstByteAt?: number;
  lastTokenAt?: number;
  closedAt?: number;
  tokensSent: number;
  usage?: Record<string, unknown>;
}

export class RemoteProvider {
  constructor(readonly url: string) {}

  baseUrl(dialect = 'xai'): string {
    return `${this.url}/${dialect}/v1`;
  }

  private async call(path: string, init?: RequestInit): Promise<unknown> {
    const r = await fetch(`${this.url}/_control/${path}`, init);
    if (!r.ok) throw new Error(`control ${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  }

  async enqueue(...scripts: ReplyScript[]): Promise<void> {
    await this.call('enqueue', { method: 'POST', body: JSON.stringify(scripts) });
  }

  async reset(): Promise<void> {
    await this.call('reset', { method: 'POST' });
  }

  /**
   * Server clock minus ours, from the ping with the shortest round trip (error ≤ half of it).
   * performance.timeOrigin is not used: it is not comparable across processes.
   */
  async clockOffset(pings = 7): Promise<{ offset: number; rtt: number }> {
    let best = { offset: 0, rtt: Infinity };
    for (let i = 0; i < pings; i++) {
      const t1 = performance.now();
      const { now } = await this.call('now') as { now: number };
      const t2 = performance.now();
      if (t2 - t1 < best.rtt) best = { offset: now - (t1 + t2) / 2, rtt: t2 - t1 };
    }
    return best;
  }

  /** Chat requests so far, their times on this process's performance.now() clock. */
  async requests(): Promise<RemoteRequest[]> {
    const { offset } = await this.clockOffset();
    const { requests } = await this.call('requests') as { requests: RemoteRequest[] };
    const shift = -offset;
    const at = (t: number | undefined) => (t === undefined ? undefined : t + shift);
    return requests.map(r => ({ ...r, receivedAt: at(r.receivedAt)!, firstByteAt: at(r.firstByteAt), lastTokenAt: at(r.lastTokenAt), closedAt: at(r.closedAt) }));
  }
}
