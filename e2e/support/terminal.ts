/**
 * A terminal client for tests: the exec WebSocket as the browser opens it, with the Origin and
 * cookies of our choosing, and the answer to a refused upgrade (status and JSON body).
 */
import WebSocket from 'ws';

export type Opened = { ok: true; term: TestTerminal } | { ok: false; status: number; body: string };

export class TestTerminal {
  output = '';
  messages: { type: string; code?: number | null; message?: string; container?: string }[] = [];
  closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, binary) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      if (binary) this.output += text;
      else this.messages.push(JSON.parse(text));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  type(s: string): void {
    this.ws.send(Buffer.from(s, 'utf8'), { binary: true });
  }

  /** Resolves when the output matches, or rejects with what it has after `timeoutMs`. */
  async waitFor(re: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const m = re.exec(this.output);
      if (m) return m[0];
      if (this.ws.readyState === WebSocket.CLOSED) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`terminal output never matched ${re}; it was:\n${this.output.slice(-2000)}`);
  }

  async waitForMessage(type: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const m = this.messages.find((x) => x.type === type);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no "${type}" message; got ${JSON.stringify(this.messages)}`);
  }
}

export function openTerminal(url: string, headers: Record<string, string>): Promise<Opened> {
  return new Promise((resolve, reject) => {
    // A server that never answers the upgrade is a failure of its own, said as such.
    const ws = new WebSocket(url, { headers, handshakeTimeout: 30_000 });
    ws.once('open', () => resolve({ ok: true, term: new TestTerminal(ws) }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('utf8')));
      res.on('end', () => resolve({ ok: false, status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (e) => reject(e));
  });
}
