// The terminal inside a pane: bytes as a UART delivers them become the
// screen a real terminal would show (bare \n, backspace, wrap, colours,
// scrollback), painted into blessed cells.
import { describe, expect, test } from 'vitest';
import { paintTerminal, type ScreenLine } from '../../host/tui/widgets/paint.js';
import { PaneTerminal, SCROLLBACK } from '../../host/tui/widgets/pane-terminal.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** Writes `text` a few bytes at a time, as the UART hands it over, and waits until it is parsed. */
async function feed(t: PaneTerminal, text: string): Promise<void> {
  const bytes = enc(text);
  for (let i = 0; i < bytes.length; i += 3) t.write(bytes.subarray(i, i + 3));
  while (t.backlog() > 0) await new Promise((r) => setTimeout(r, 1));
}

function paint(t: PaneTerminal, cursor = false): ScreenLine[] {
  const { cols, rows } = t.term;
  const lines: ScreenLine[] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => [0, '?'] as [number, string]));
  paintTerminal(t.term, lines, { left: 0, top: 0, width: cols, height: rows }, cursor);
  return lines;
}

const text = (lines: ScreenLine[]) => lines.map((l) => l.map((c) => c[1]).join('').trimEnd());

describe('pane terminal', () => {
  test('a bare newline starts a new line at column 0; backspace and tabs; long lines wrap', async () => {
    const t = new PaneTerminal(10, 4, () => {});
    await feed(t, '$ ecko\b\bho\n\tx\n0123456789abc');
    expect(text(paint(t))).toEqual(['$ echo', '        x', '0123456789', 'abc']);
    t.dispose();
  });

  test('colours and bold reach the cells; the cursor is drawn inverse in the focused pane', async () => {
    const t = new PaneTerminal(10, 2, () => {});
    await feed(t, '\x1b[1;31mR\x1b[0m\x1b[38;5;200mP');
    const [row] = paint(t, true);
    expect(row[0]).toEqual([(1 << 18) | (1 << 9) | 0x1ff, 'R']);
    expect((row[1][0] >> 9) & 0x1ff).toBe(200);
    expect(row[2][0] >> 18).toBe(8);
    expect(paint(t, false)[0][2][0] >> 18).toBe(0);
    t.dispose();
  });

  test('keeps at least 2000 lines of scrollback; scrolling back and following again', async () => {
    const t = new PaneTerminal(20, 5, () => {});
    await feed(t, Array.from({ length: 2100 }, (_, i) => `line ${i}`).join('\n'));
    expect(SCROLLBACK).toBeGreaterThanOrEqual(2000);
    expect(text(paint(t)).at(-1)).toBe('line 2099');
    t.scrollLines(-2000);
    expect(t.scrolledBack()).toBe(2000);
    expect(text(paint(t))[0]).toBe('line 95');
    t.follow();
    expect(t.scrolledBack()).toBe(0);
    expect(text(paint(t)).at(-1)).toBe('line 2099');
    t.dispose();
  });

  test('a resize reflows wrapped lines', async () => {
    const t = new PaneTerminal(5, 4, () => {});
    await feed(t, 'abcdefgh\n');
    expect(text(paint(t)).slice(0, 2)).toEqual(['abcde', 'fgh']);
    t.resize(10, 4);
    expect(text(paint(t))[0]).toBe('abcdefgh');
    t.dispose();
  });
});
