// Writing to the socket: the one place that knows about `writeChunkBytes` and that refuses
// to write after the response closed.
//
// With `writeChunkBytes` every write is cut into N-byte pieces and each piece goes out on its
// own event-loop turn (setImmediate). Writing them back to back is not enough: the kernel and
// undici coalesce them and the client reads 2 KB at once. One turn apart, a reader in the
// same process (and usually one in another process) sees each piece as its own read, so a
// multi-byte UTF-8 character really arrives split across reads.
import type { ServerResponse } from 'node:http';

interface Pending {
  bytes: Buffer;
  done?: () => void;
}

export class Wire {
  private readonly n: number;
  private readonly pending: Pending[] = [];
  private draining: NodeJS.Immediate | undefined;
  private endRequested = false;

  constructor(
    private readonly res: ServerResponse,
    writeChunkBytes: number | undefined,
  ) {
    this.n = writeChunkBytes && writeChunkBytes > 0 ? Math.floor(writeChunkBytes) : 0;
  }

  get closed(): boolean {
    return this.endRequested || this.res.destroyed || this.res.writableEnded;
  }

  /** Write `data`; `done` runs once its last byte has been handed to the OS. */
  write(data: string, done?: () => void): boolean {
    if (this.closed) return false;
    if (!this.n) {
      this.res.write(data, done && (() => done()));
      return true;
    }
    const bytes = Buffer.from(data, 'utf8');
    if (bytes.length === 0) {
      if (done) this.pending.push({ bytes, done });
    }
    for (let i = 0; i < bytes.length; i += this.n) {
      const last = i + this.n >= bytes.length;
      this.pending.push({ bytes: bytes.subarray(i, i + this.n), done: last ? done : undefined });
    }
    this.schedule();
    return true;
  }

  /** Finish the response after a last write (and after every pending piece). */
  end(data: string): void {
    if (this.closed) return;
    if (data) this.write(data);
    this.endRequested = true;
    if (!this.n) this.res.end();
    else this.schedule();
  }

  private schedule(): void {
    this.draining ??= setImmediate(this.drain);
  }

  private readonly drain = (): void => {
    this.draining = undefined;
    if (this.res.destroyed || this.res.writableEnded) {
      this.pending.length = 0;
      return;
    }
    const p = this.pending.shift();
    if (p) {
      if (p.bytes.length) this.res.write(p.bytes, p.done && (() => p.done!()));
      else p.done?.();
    }
    if (this.pending.length) this.schedule();
    else if (this.endRequested) this.res.end();
  };
}

export function errorType(status: number): { type: string; code: string } {
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', code: 'bad_request' };
    case 401:
      return { type: 'invalid_request_error', code: 'invalid_api_key' };
    case 403:
      return { type: 'permission_denied', code: 'forbidden' };
    case 404:
      return { type: 'invalid_request_error', code: 'not_found' };
    case 429:
      return { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' };
    case 503:
      return { type: 'server_error', code: 'service_unavailable' };
    default:
      return status >= 500 ? { type: 'server_error', code: 'internal_error' } : { type: 'invalid_request_error', code: String(status) };
  }
}

/** OpenAI-style error body: {error:{message,type,param,code}}. */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const { type, code } = errorType(status);
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
