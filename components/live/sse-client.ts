'use client';

export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Reads server-sent events from a fetch Response. fetch rather than EventSource: it sees the status
 * and JSON body of a refused request (404 listing the containers), aborts cleanly, and does not
 * reconnect on its own after a deliberate end.
 */
export async function readSse(res: Response, onMessage: (m: SseMessage) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let idx = buf.indexOf('\n\n');
    while (idx !== -1) {
      const block = buf.slice(0, idx);
      buf = buf.slice(idx + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) onMessage({ event, data: data.join('\n') });
      idx = buf.indexOf('\n\n');
    }
  }
}
