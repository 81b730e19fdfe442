import { MAX_LINE_BYTES } from './line';

// Bytes of a log stream → lines, without ever holding more than one line's worth: a line longer
// than the cap keeps its first `maxBytes` and only counts the rest until its newline, so a process
// printing a 1 GiB line costs Podium 16 KiB. Bytes are decoded as UTF-8 with replacement
// characters for anything invalid (never an exception).

export interface SplitLine {
  text: string;
  /** bytes left out after the first maxBytes */
  cut: number;
}

const NEWLINE = 0x0a;

/** Index just past the last whole UTF-8 character within bytes[0, end): never splits a character. */
function charBoundary(bytes: Uint8Array, end: number): number {
  let i = end;
  // step back over continuation bytes (10xxxxxx), at most 3
  while (i > 0 && end - i < 3 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
  return i === 0 ? end : i;
}

export class LineSplitter {
  private parts: Uint8Array[] = [];
  private kept = 0;
  private dropped = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(private readonly maxBytes = MAX_LINE_BYTES) {}

  /** Feeds a chunk; returns the lines it completed. */
  push(chunk: Uint8Array): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      this.keep(chunk.subarray(start, end));
      if (nl === -1) break;
      out.push(this.take());
      start = nl + 1;
    }
    return out;
  }

  /** The last line when the stream ends without a newline (null when there is none). */
  end(): SplitLine | null {
    return this.kept > 0 || this.dropped > 0 ? this.take() : null;
  }

  private keep(piece: Uint8Array) {
    const room = this.maxBytes - this.kept;
    if (piece.length <= room) {
      if (piece.length > 0) this.parts.push(piece.slice());
      this.kept += piece.length;
      return;
    }
    if (room > 0) {
      // cut on a character boundary, so the kept part does not end in half a character
      const at = charBoundary(piece, room);
      this.parts.push(piece.slice(0, at));
      this.kept += at;
      this.dropped += piece.length - at;
      // the line is full from here on: anything more is counted, not kept
      this.kept = this.maxBytes;
      return;
    }
    this.dropped += piece.length;
  }

  private take(): SplitLine {
    const bytes = this.parts.length === 1 ? this.parts[0]! : concat(this.parts);
    const line = { text: this.decoder.decode(bytes), cut: this.dropped };
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    return line;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
