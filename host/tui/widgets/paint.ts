// Copies the visible part of an xterm buffer into blessed's screen cells,
// as blessed's own Terminal widget does with its term.js lines. A blessed
// cell is [attr, char]; attr packs flags << 18 | fg << 9 | bg, with 0x1ff
// for the default colour.
import blessed from 'blessed';
import type xterm from '@xterm/headless';
import type { Rect } from '../layout.js';

export type Cell = [number, string];
export type ScreenLine = Cell[] & { dirty?: boolean };

const DEFAULT = 0x1ff;
// blessed's colors.match(r, g, b) gives the nearest of the 256 colours; its
// published typings know only the one-string form.
const nearest = blessed.colors.match as unknown as (r: number, g: number, b: number) => number;
const BOLD = 1, UNDERLINE = 2, BLINK = 4, INVERSE = 8, INVISIBLE = 16;

function colour(palette: boolean, rgb: boolean, value: number): number {
  if (palette) return value & 0xff;
  if (rgb) return nearest((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
  return DEFAULT;
}

function attrOf(c: xterm.IBufferCell): number {
  const flags = (c.isBold() ? BOLD : 0) | (c.isUnderline() ? UNDERLINE : 0) | (c.isBlink() ? BLINK : 0)
    | (c.isInverse() ? INVERSE : 0) | (c.isInvisible() ? INVISIBLE : 0);
  const fg = colour(c.isFgPalette(), c.isFgRGB(), c.getFgColor());
  const bg = colour(c.isBgPalette(), c.isBgRGB(), c.getBgColor());
  return (flags << 18) | (fg << 9) | bg;
}

/** Paints `term`'s view into `lines` at `at`; `cursor`: draw the cursor (the focused pane, following output). */
export function paintTerminal(term: xterm.Terminal, lines: ScreenLine[], at: Rect, cursor: boolean): void {
  const buf = term.buffer.active;
  const cell = buf.getNullCell();
  const showCursor = cursor && buf.viewportY === buf.baseY;
  for (let y = 0; y < at.height; y++) {
    const row = lines[at.top + y];
    // On SIGWINCH blessed renders once before our resize handler runs: the screen may be smaller than our rectangle.
    if (!row) break;
    const line = buf.getLine(buf.viewportY + y);
    for (let x = 0; x < at.width; x++) {
      const out = row[at.left + x];
      if (!out) break;
      const c = line?.getCell(x, cell);
      if (!c || x >= term.cols) {
        out[0] = (DEFAULT << 9) | DEFAULT;
        out[1] = ' ';
        continue;
      }
      // The second half of a wide character is blank for blessed, which skips it.
      out[1] = c.getWidth() === 0 ? ' ' : c.getChars() || ' ';
      out[0] = attrOf(c);
      if (showCursor && y === buf.cursorY && x === buf.cursorX) out[0] ^= INVERSE << 18;
    }
    row.dirty = true;
  }
}
