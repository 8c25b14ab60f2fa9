/**
 * Turns a byte stream of container logs into safe display lines. PURE (no Node APIs), unit-tested.
 * Logs are not text we control: a 50 MB line, a binary dump or terminal escapes must not reach the
 * browser as-is.
 */

/** Longest line we pass on; the rest is dropped with a marker saying how much. */
export const MAX_LINE_CHARS = 8 * 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are what this removes
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are what this makes visible
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Removes terminal colour codes and shows other control bytes as \xNN so they are visible, not active. */
export function sanitizeLine(s: string): string {
  return s.replace(ANSI, '').replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function truncationMarker(dropped: number): string {
  return ` … [${dropped} more characters not shown]`;
}

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private partial = '';
  /** Characters of the current over-long line already dropped; -1 when not in one. */
  private dropped = -1;

  constructor(private readonly maxChars = MAX_LINE_CHARS) {}

  /** Complete lines in this chunk; an unfinished last line waits for the next chunk. */
  push(chunk: Uint8Array): string[] {
    return this.split(this.decoder.decode(chunk, { stream: true }));
  }

  /** The unfinished last line, when the stream ends without a newline. */
  flush(): string[] {
    const out = this.split(this.decoder.decode());
    if (this.dropped >= 0) out.push(this.finishLong());
    else if (this.partial) out.push(sanitizeLine(this.partial.replace(/\r$/, '')));
    this.partial = '';
    this.dropped = -1;
    return out;
  }

  private finishLong(): string {
    const line = sanitizeLine(this.partial) + truncationMarker(this.dropped);
    this.partial = '';
    this.dropped = -1;
    return line;
  }

  private split(text: string): string[] {
    const out: string[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const piece = text.slice(start, nl === -1 ? undefined : nl);
      if (this.dropped >= 0) {
        this.dropped += piece.length;
      } else {
        this.partial += piece;
        if (this.partial.length > this.maxChars) {
          this.dropped = this.partial.length - this.maxChars;
          this.partial = this.partial.slice(0, this.maxChars);
        }
      }
      if (nl === -1) break;
      if (this.dropped >= 0) out.push(this.finishLong());
      else {
        out.push(sanitizeLine(this.partial.replace(/\r$/, '')));
        this.partial = '';
      }
      start = nl + 1;
    }
    return out;
  }
}
