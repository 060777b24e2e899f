// Parsing and validation of the machine's user-facing settings. Each parser
// takes the text the user typed and returns a number or throws OptionError
// with a message that names the accepted range, so the CLI can print it as is.
import { guest } from '../platform.js';

export class OptionError extends Error {}

const MiB = 1024 * 1024;

/** --cores: 1..MAX_HARTS. */
export function parseCores(text: string): number {
  const n = parseWhole(text);
  if (n === null || n < 1 || n > guest.MAX_HARTS) {
    throw new OptionError(`--cores must be a whole number from 1 to ${guest.MAX_HARTS}, not '${text}'`);
  }
  return n;
}

/**
 * --mem: bytes of guest RAM. A bare number is MiB (as in QEMU's -m); K, M and
 * G suffixes (optionally followed by "iB" or "B") are binary units. The result
 * must be whole MiB between RAM_MIN_MB and RAM_MAX_MB.
 */
export function parseMem(text: string): number {
  const range = `${guest.RAM_MIN_MB}M to ${guest.RAM_MAX_MB / 1024}G`;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) throw new OptionError(`--mem must be a size such as 128M or 1G (${range}), not '${text}'`);
  const unit = { '': MiB, k: 1024, m: MiB, g: 1024 * MiB }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Number(m[1]) * unit;
  if (bytes % MiB !== 0) throw new OptionError(`--mem must be a whole number of MiB, not '${text}'`);
  if (bytes < guest.RAM_MIN_MB * MiB || bytes > guest.RAM_MAX_MB * MiB) {
    throw new OptionError(`--mem must be from ${range}, not '${text}'`);
  }
  return bytes;
}

/** --max-insns and the like: a positive count (suffixes k, M, G are decimal);
 *  `example` shows the flag's own kind of value in the message. */
export function parseCount(text: string, flag = '--max-insns', example = '1000000 or 5M'): number {
  const m = /^\s*(\d+)\s*([kmg]?)\s*$/i.exec(text);
  const scale = m ? { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'] : 0;
  const n = m ? Number(m[1]) * scale : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new OptionError(`${flag} must be a positive whole number (e.g. ${example}), not '${text}'`);
  }
  return n;
}

function parseWhole(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}
