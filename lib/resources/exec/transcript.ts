import { StringDecoder } from 'node:string_decoder';

/**
 * A terminal session's transcript for its audit record: what the person typed and what the
 * terminal showed, kept up to a byte budget shared by both (a session that streams a large file
 * must not grow the audit file without bound). Past the budget nothing more is kept and the
 * transcript says it was truncated. Pure.
 */

export const TRANSCRIPT_MAX_BYTES = 256 * 1024;

export interface TranscriptText {
  /** Everything the terminal printed, escape sequences included, as the person saw it. */
  output: string;
  /** Everything sent to the terminal: keystrokes and pastes. */
  input: string;
  /** Set when the session produced more than the budget: the text stops where the budget ran out. */
  truncated: boolean;
  /** Bytes the session moved in both directions, kept or not. */
  bytes: number;
}

export class Transcript {
  private readonly parts = { input: [] as string[], output: [] as string[] };
  private readonly decoders = { input: new StringDecoder('utf8'), output: new StringDecoder('utf8') };
  private kept = 0;
  private seen = 0;
  private full = false;

  constructor(private readonly maxBytes = TRANSCRIPT_MAX_BYTES) {}

  add(direction: 'input' | 'output', chunk: Uint8Array): void {
    this.seen += chunk.byteLength;
    if (this.full) return;
    const room = this.maxBytes - this.kept;
    if (chunk.byteLength > room) {
      this.full = true;
      // Keep what fits, cut at a character boundary (a UTF-8 continuation byte is 10xxxxxx).
      let cut = room;
      while (cut > 0 && ((chunk[cut] ?? 0) & 0xc0) === 0x80) cut--;
      this.push(direction, chunk.subarray(0, cut));
      return;
    }
    this.push(direction, chunk);
  }

  private push(direction: 'input' | 'output', chunk: Uint8Array): void {
    this.kept += chunk.byteLength;
    this.parts[direction].push(this.decoders[direction].write(Buffer.from(chunk)));
  }

  get truncated(): boolean {
    return this.full;
  }

  text(): TranscriptText {
    const finish = (d: 'input' | 'output') =>
      this.parts[d].join('') + (this.full ? '' : this.decoders[d].end());
    return { output: finish('output'), input: finish('input'), truncated: this.full, bytes: this.seen };
  }
}

// CSI, OSC (ended by BEL or ST), other two-character escapes, then remaining C0 controls but \n and \t.
const ANSI =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal control sequences are what it removes
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * The transcript as plain text for the Audit page, as a terminal shows it: escape sequences removed,
 * CRLF line ends, a lone carriage return writing over the line from its start, and a backspace
 * erasing the character before it.
 */
export function plainTranscript(s: string): string {
  const lines: string[] = [];
  for (const raw of s.replace(/\r+\n/g, '\n').split('\n')) {
    let line = '';
    for (const segment of raw.split('\r')) {
      let out = '';
      // biome-ignore lint/suspicious/noControlCharactersInRegex: backspace, as a terminal applies it
      for (const piece of segment.split(/(\u0008)/)) {
        if (piece === '\u0008') out = out.slice(0, -1);
        else out += piece.replace(ANSI, '');
      }
      line = out + line.slice(out.length);
    }
    lines.push(line);
  }
  return lines.join('\n');
}

const KEY_NAMES: Record<string, string> = {
  '\u0003': '⟨Ctrl-C⟩',
  '\u0004': '⟨Ctrl-D⟩',
  '\u0009': '⟨Tab⟩',
  '\u0008': '⟨⌫⟩',
  '\u007f': '⟨⌫⟩',
  '\u001b[A': '⟨↑⟩',
  '\u001b[B': '⟨↓⟩',
  '\u001b[C': '⟨→⟩',
  '\u001b[D': '⟨←⟩',
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control keys it names
const NAMED_KEYS = /\u001b\[[A-D]|[\u0003\u0004\u0009\u0008\u007f]/g;

/** Keystrokes as readable text: Enter as a line break, common control keys by name. */
export function plainInput(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(NAMED_KEYS, (k) => KEY_NAMES[k] ?? '')
    .replace(ANSI, '');
}
