// Numbers as the TUI prints them: short, so that a title fits a narrow pane.

/** Bytes with a binary suffix: 512B, 12.5K, 1.2M, 128M, 2.0G (one decimal below 100). */
export function formatBytes(n: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${n}B`;
  return `${v < 100 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
}

/** Seconds as h:mm:ss. */
export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const two = (x: number) => String(x).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** Cuts a plain string to `width` cells, marking the cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : text.slice(0, Math.max(0, width - 1)) + '…';
}
