// The one-line memory gauge of a pane: current use filled, the rest shaded,
// the peak marked where it stands, against memory.max (or all of RAM for a
// group without a limit).
import { formatBytes } from './units.js';

export const GAUGE_FULL = '█';
export const GAUGE_EMPTY = '░';
export const GAUGE_PEAK = '┃';

/** A bar of `width` cells: current filled, the cell of the peak marked when it is above current. */
export function gaugeBar(current: number, peak: number, max: number, width: number): string {
  if (width <= 0) return '';
  const cells = (v: number) => (max > 0 ? Math.min(width, Math.round((v / max) * width)) : 0);
  const filled = cells(current);
  const bar: string[] = Array.from({ length: width }, (_, i) => (i < filled ? GAUGE_FULL : GAUGE_EMPTY));
  const p = Math.min(width - 1, Math.max(0, cells(peak) - 1));
  if (peak > current && p >= filled) bar[p] = GAUGE_PEAK;
  return bar.join('');
}

export interface GaugeText {
  label: string;
  bar: string;
  tail: string;
}

/** The gauge line in three parts (the widget colours the bar); together exactly `width` cells when width allows. */
export function memGauge(current: number, peak: number, max: number, width: number): GaugeText {
  const pct = max > 0 ? Math.round((current / max) * 100) : 0;
  const label = 'mem ';
  let tail = ` ${pct}% peak ${formatBytes(peak)}`;
  if (width - label.length - tail.length < 8) tail = ` ${pct}%`;
  const room = Math.max(0, width - label.length - tail.length);
  return { label, bar: gaugeBar(current, peak, max, room), tail };
}
