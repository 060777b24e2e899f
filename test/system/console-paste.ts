// Random console input for the console fuzz test: a seeded generator, pastes
// of random bytes and of numbered lines, and what our `wc` must count.
//
// Left out are only the bytes that something on the way interprets rather
// than delivers: NUL, ^D (end of file: the test sends one to end a paste),
// ^H and DEL (erase), ^P (process list), ^U (kill line), CR (becomes LF) in
// the kernel's line discipline, and Ctrl-A (the host's escape key).
const INTERPRETED = [0x00, 0x01, 0x04, 0x08, 0x0d, 0x10, 0x15, 0x7f];

/** mulberry32: small, fast and the same on every machine for one seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand: () => number, n: number) => Math.floor(rand() * n);

const CONTROL = Array.from({ length: 32 }, (_, b) => b).filter((b) => !INTERPRETED.includes(b) && b !== 0x09 && b !== 0x0a);
const WIDE = ['é', 'ß', '€', 'ж', '→', '日本', '🙂'];

/** A paste of exactly `bytes` bytes (as UTF-8): printable runs, tabs,
 *  newlines, ANSI escape sequences, other control bytes, multi-byte
 *  characters. */
export function randomPaste(rand: () => number, bytes: number): string {
  const pick = <T>(a: T[]): T => a[int(rand, a.length)];
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const r = rand();
    let s: string;
    if (r < 0.55) s = Array.from({ length: 1 + int(rand, 40) }, () => String.fromCharCode(0x20 + int(rand, 95))).join('');
    else if (r < 0.65) s = '\t';
    else if (r < 0.77) s = '\n';
    else if (r < 0.87) s = `\x1b[${int(rand, 100)};${int(rand, 100)}${pick(['A', 'B', 'C', 'D', 'H', 'm', 'J', 'K'])}`;
    else if (r < 0.92) s = `\x1bO${pick(['P', 'Q', 'R', 'S'])}`;
    else if (r < 0.96) s = String.fromCharCode(pick(CONTROL));
    else s = pick(WIDE);
    parts.push(s);
    length += Buffer.byteLength(s);
  }
  // Cut back to whole characters, then pad with ASCII to the exact size.
  let text = parts.join('');
  while (Buffer.byteLength(text) > bytes) text = text.slice(0, -1);
  return text + 'x'.repeat(bytes - Buffer.byteLength(text));
}

/** `count` numbered lines of random printable text and tabs: any line out
 *  of place, missing or cut shows in a read-back. */
export function numberedLines(rand: () => number, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: int(rand, 60) }, () => (rand() < 0.05 ? '\t' : String.fromCharCode(0x20 + int(rand, 95)))).join('');
    lines.push(`${String(i).padStart(6, '0')} ${body}\n`);
  }
  return lines.join('');
}

export interface WcCounts { lines: number; words: number; bytes: number }

/** What our `wc` prints for these bytes: its word separators are space, CR,
 *  tab, LF and VT. */
export function wcCounts(text: string): WcCounts {
  const b = Buffer.from(text, 'utf8');
  let lines = 0, words = 0, inWord = false;
  for (const c of b) {
    if (c === 0x0a) lines++;
    if (c === 0x20 || c === 0x0d || c === 0x09 || c === 0x0a || c === 0x0b) inWord = false;
    else if (!inWord) {
      words++;
      inWord = true;
    }
  }
  return { lines, words, bytes: b.length };
}

/** The bytes of `text` as the tests' output strings hold them (latin1). */
export const asOutput = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
