// What a pane and the status bar print: sizes, the title, the memory gauge
// and the sparklines.
import { describe, expect, test } from 'vitest';
import { GAUGE_EMPTY, GAUGE_FULL, GAUGE_PEAK, gaugeBar, memGauge } from '../../host/tui/gauge.js';
import { History, sparkline } from '../../host/tui/sparkline.js';
import { paneTitle } from '../../host/tui/title.js';
import { fit, formatBytes, formatUptime } from '../../host/tui/units.js';
import { statusLines } from '../../host/tui/widgets/status-bar.js';
import { group } from './fake-table.js';

describe('units', () => {
  test('bytes with one decimal below 100 of a unit', () => {
    expect([0, 512, 1024, 12.5 * 1024, 1.2 * 2 ** 20, 4 * 2 ** 20, 128 * 2 ** 20, 2 * 2 ** 30].map(formatBytes))
      .toEqual(['0B', '512B', '1.0K', '12.5K', '1.2M', '4.0M', '128M', '2.0G']);
  });
  test('uptime as h:mm:ss, and cut strings are marked', () => {
    expect(formatUptime(0)).toBe('0:00:00');
    expect(formatUptime(3723.9)).toBe('1:02:03');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('abc', 4)).toBe('abc');
  });
});

describe('title', () => {
  test('as the issue shows it', () => {
    expect(paneTitle(group(), 200)).toBe(' [1] web  running  pids 3/16  mem 1.2M/4.0M  cpu 47% ');
  });
  test('no limits, frozen, and a narrow pane', () => {
    const g = group({ state: 'frozen', pidsMax: null, memMax: null });
    expect(paneTitle(g, 200)).toBe(' [1] web  FROZEN  pids 3  mem 1.2M  cpu 47% ');
    expect(paneTitle(g, 12)).toHaveLength(12);
    expect(paneTitle(group({ name: 'a', memCurrent: 48 * 1024, memMax: 2 << 20, cpuPercent: 0 }), 47))
      .toBe(' [1] a running pids 3/16 mem 48.0K/2.0M cpu 0% ');
    expect(paneTitle(group({ name: 'a' }), 39)).toBe(' [1] a pids 3/16 mem 1.2M/4.0M cpu 47% ');
  });
});

describe('memory gauge', () => {
  test('current filled, peak marked, the rest shaded', () => {
    expect(gaugeBar(25, 50, 100, 10)).toBe(GAUGE_FULL.repeat(3) + GAUGE_EMPTY.repeat(1) + GAUGE_PEAK + GAUGE_EMPTY.repeat(5));
    expect(gaugeBar(50, 50, 100, 10)).toBe(GAUGE_FULL.repeat(5) + GAUGE_EMPTY.repeat(5));
    expect(gaugeBar(200, 200, 100, 4)).toBe(GAUGE_FULL.repeat(4));
    expect(gaugeBar(0, 0, 0, 3)).toBe(GAUGE_EMPTY.repeat(3));
  });
  test('the line fills its width, and drops the peak figure when narrow', () => {
    const wide = memGauge(1 << 20, 2 << 20, 4 << 20, 40);
    expect(wide.label + wide.bar + wide.tail).toHaveLength(40);
    expect(wide.tail).toBe(' 25% peak 2.0M');
    const narrow = memGauge(1 << 20, 2 << 20, 4 << 20, 18);
    expect(narrow.tail).toBe(' 25%');
    expect(narrow.label + narrow.bar + narrow.tail).toHaveLength(18);
  });
});

describe('sparkline', () => {
  test('newest on the right, scaled to max, blank where there is no sample yet', () => {
    expect(sparkline([0, 50, 100, 200], 6, 100)).toBe('  ▁▅██');
    expect(sparkline([1, 2, 3, 4, 5], 3, 5)).toBe('▅▇█');
    expect(sparkline([], 3, 0)).toBe('   ');
  });
  test('history keeps the last minute', () => {
    const h = new History(60);
    for (let i = 0; i < 100; i++) h.push(i);
    expect(h.values()).toHaveLength(60);
    expect(h.values()[0]).toBe(40);
    expect(h.last()).toBe(99);
    expect(h.max()).toBe(99);
  });
});

describe('status bar', () => {
  const hart = (mips: number[], run: 'running' | 'idle') => {
    const history = new History();
    for (const m of mips) history.push(m);
    return { mips: history.last(), history, run };
  };
  const model = (harts: ReturnType<typeof hart>[]) =>
    ({ harts, totalMips: harts.reduce((a, h) => a + h.mips, 0), uptimeSeconds: 62, reads: 41, writes: 7 });

  test('one line: a sparkline per hart, parked harts idle, then totals and the key hint', () => {
    const [line, ...more] = statusLines(119, model([hart([100, 370], 'running'), hart([0, 0], 'idle')]));
    expect(more).toEqual([]);
    expect(line).toHaveLength(119);
    expect(line).toMatch(/^h0 +▃█  370  h1 +▁▁ idle +370 MIPS {2}up 0:01:02 {2}disk r 41 w 7 {2}C-a h help$/);
  });

  test('a parked hart that worked in the last second shows its work', () => {
    expect(statusLines(119, model([hart([0, 250], 'idle')]))[0]).toMatch(/^h0 +▁█  250 /);
  });

  test('eight harts on a narrow screen take a line of their own', () => {
    const lines = statusLines(79, model(Array.from({ length: 8 }, () => hart([5], 'running'))));
    expect(lines).toHaveLength(2);
    expect(lines[0].match(/h\d/g)).toHaveLength(8);
    expect(lines[0]).toMatch(/h7 █ +5$/);
    expect(lines[1]).toMatch(/^40 MIPS/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(79);
  });
});
