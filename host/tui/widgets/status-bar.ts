// The bottom of the screen: one MIPS sparkline per hart (parked harts say
// idle), the total, the guest's uptime, the disk's reads and writes and the
// key hint. One line when it fits, the harts on a line of their own when not.
import blessed from 'blessed';
import type { HartSample } from '../sources/hart-stats.js';
import { sparkline } from '../sparkline.js';
import { formatUptime } from '../units.js';
import type { Rect } from '../layout.js';

export interface StatusModel {
  harts: HartSample[];
  totalMips: number;
  uptimeSeconds: number;
  reads: number;
  writes: number;
}

const HINT = 'C-a h help';
const MIN_SPARK = 4;
const MAX_SPARK = 16;

/** `h0 ▂▃▅▇ 370` or `h1 ▁▁▁▁ idle`, with a sparkline `spark` cells wide. A
 *  hart parked at the moment of the sample that still did real work in the
 *  last second shows that work rather than idle. */
function hartEntry(s: HartSample, h: number, spark: number): string {
  const value = s.run === 'stopped' ? 'off' : s.run === 'idle' && s.mips < 1 ? 'idle' : String(Math.round(s.mips));
  return `h${h} ${sparkline(s.history.values(), spark, Math.max(1, s.history.max()))} ${value.padStart(4)}`;
}

/** The status text as plain lines, each at most `width` cells. */
export function statusLines(width: number, m: StatusModel): string[] {
  const totals = `${Math.round(m.totalMips)} MIPS  up ${formatUptime(m.uptimeSeconds)}  disk r ${m.reads} w ${m.writes}  ${HINT}`;
  const n = m.harts.length;
  // Names and values take 8 cells a hart; the gaps between harts 2, or 1 when tight.
  const sparkFor = (room: number, gap: number) => Math.min(MAX_SPARK, Math.floor((room - n * 8 - (n - 1) * gap) / n));
  const harts = (spark: number, gap: number) => m.harts.map((s, h) => hartEntry(s, h, spark)).join(' '.repeat(gap));
  const oneLine = sparkFor(width - totals.length - 3, 2);
  if (oneLine >= MIN_SPARK) {
    const left = harts(oneLine, 2);
    return [left + ' '.repeat(Math.max(1, width - left.length - totals.length)) + totals];
  }
  const gap = sparkFor(width, 2) >= 1 ? 2 : 1;
  return [harts(Math.max(1, sparkFor(width, gap)), gap).slice(0, width), totals.slice(0, width)];
}

// Long enough to read a path and a size.
const NOTICE_MS = 6000;

export class StatusBar {
  readonly box: blessed.Widgets.BoxElement;
  private noticeText = '';
  private noticeUntil = 0;

  constructor(screen: blessed.Widgets.Screen) {
    this.box = blessed.box({ parent: screen, tags: true, style: { fg: 'white', bg: 'black' } });
  }

  place(r: Rect): void {
    Object.assign(this.box, { left: r.left, top: r.top, width: r.width, height: r.height });
  }

  /** Shows `line` in place of the status's last line for a few seconds (Ctrl-A s says where it saved). */
  notice(line: string): void {
    this.noticeText = line;
    this.noticeUntil = performance.now() + NOTICE_MS;
  }

  update(lines: string[]): void {
    const tagged = lines.map((l) => blessed.escape(l)
      .replace(/( idle)/g, '{gray-fg}$1{/gray-fg}')
      .replace(HINT, `{cyan-fg}${HINT}{/cyan-fg}`));
    if (performance.now() < this.noticeUntil && lines.length > 0) {
      const width = lines[lines.length - 1].length;
      tagged[tagged.length - 1] = `{yellow-fg}${blessed.escape(this.noticeText.slice(0, width))}{/yellow-fg}`;
    }
    this.box.setContent(tagged.join('\n'));
  }
}
