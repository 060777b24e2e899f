// GDB's remote serial protocol on the wire: `$body#cc` packets with a
// two-digit checksum, `}`-escapes, run-length encoding, `+`/`-`
// acknowledgements and the lone 0x03 byte that is Ctrl-C. Bodies are
// latin1 strings, one character per byte, so binary data (X packets,
// qXfer replies) passes through unchanged.

/** What the reader found in the byte stream. */
export type Incoming =
  | { kind: 'packet'; body: string }
  | { kind: 'ack' }
  | { kind: 'nak' }
  | { kind: 'interrupt' }
  /** A packet that cannot be taken (bad checksum, bad escape or run, too
   *  long): the peer is told '-' and resends. */
  | { kind: 'bad'; why: string };

/** Our PacketSize: the longest body we accept, and advertise. */
export const MAX_PACKET = 0x4000;

export function checksum(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i);
  return sum & 0xff;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Escapes the characters that framing gives a meaning to. */
export function escape(body: string): string {
  return body.replace(/[#$}*]/g, (c) => '}' + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
}

// A run of n + 1 characters is `c*` and the character 29 + n; n = 6 and 7
// would give '#' and '$', so runs are cut short of them. Longer than 97 does
// not fit in a printable character.
const MAX_RUN = 97;
function runLength(n: number): number {
  const r = Math.min(n, MAX_RUN);
  return r === 6 || r === 7 ? 5 : r;
}

/** Run-length encodes an already escaped body (only runs of 4 or more pay). */
export function encodeRuns(body: string): string {
  let out = '';
  for (let i = 0; i < body.length;) {
    const c = body[i];
    let n = 1;
    while (i + n < body.length && body[i + n] === c) n++;
    // A run may not start with an escaped character's second half.
    if (n >= 4 && c !== '}' && !(i > 0 && body[i - 1] === '}')) {
      const extra = runLength(n - 1);
      out += c + '*' + String.fromCharCode(29 + extra);
      i += extra + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A whole packet for the wire. */
export function frame(body: string, rle = true): string {
  const wire = rle ? encodeRuns(escape(body)) : escape(body);
  return `$${wire}#${hex2(checksum(wire))}`;
}

/** Undoes escapes and runs; null when the body is malformed. */
export function decodeBody(wire: string): string | null {
  let out = '';
  for (let i = 0; i < wire.length; i++) {
    const c = wire[i];
    if (c === '}') {
      if (i + 1 >= wire.length) return null;
      out += String.fromCharCode(wire.charCodeAt(++i) ^ 0x20);
    } else if (c === '*') {
      if (out.length === 0 || i + 1 >= wire.length) return null;
      const n = wire.charCodeAt(++i) - 29;
      if (n < 0 || n > MAX_RUN) return null;
      out += out[out.length - 1].repeat(n);
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Splits the incoming byte stream into packets and control bytes. Anything
 * between packets that means nothing is skipped; a '$' inside a packet
 * starts the packet over, as a peer that lost its place would resend.
 */
export class PacketReader {
  private state: 'idle' | 'body' | 'sum' = 'idle';
  private body = '';
  private sum = '';

  push(chunk: Uint8Array): Incoming[] {
    const out: Incoming[] = [];
    for (const byte of chunk) {
      const c = String.fromCharCode(byte);
      if (this.state === 'idle') {
        if (c === '$') this.start();
        else if (c === '+') out.push({ kind: 'ack' });
        else if (c === '-') out.push({ kind: 'nak' });
        else if (byte === 0x03) out.push({ kind: 'interrupt' });
      } else if (this.state === 'body') {
        if (c === '$') this.start();
        else if (c === '#') this.state = 'sum';
        else if (this.body.length >= 2 * MAX_PACKET) {
          this.state = 'idle';
          out.push({ kind: 'bad', why: 'packet too long' });
        } else this.body += c;
      } else {
        this.sum += c;
        if (this.sum.length === 2) {
          this.state = 'idle';
          out.push(this.finish());
        }
      }
    }
    return out;
  }

  /** Whether a packet has begun and not ended. */
  get midPacket(): boolean {
    return this.state !== 'idle';
  }

  private start(): void {
    this.state = 'body';
    this.body = '';
    this.sum = '';
  }

  private finish(): Incoming {
    if (!/^[0-9a-fA-F]{2}$/.test(this.sum)) return { kind: 'bad', why: `checksum '${this.sum}' is not hex` };
    if (parseInt(this.sum, 16) !== checksum(this.body)) return { kind: 'bad', why: 'checksum mismatch' };
    const body = decodeBody(this.body);
    if (body === null) return { kind: 'bad', why: 'bad escape or run' };
    if (body.length > MAX_PACKET) return { kind: 'bad', why: 'packet too long' };
    return { kind: 'packet', body };
  }
}

/** Bytes as hex, as m, g and qRcmd replies carry them. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += hex2(b);
  return s;
}

/** Hex to bytes; null if it is not an even number of hex digits. */
export function fromHex(s: string): Uint8Array | null {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function textToHex(text: string): string {
  return toHex(new TextEncoder().encode(text));
}
