// A sparkline is one line of eighth blocks, newest on the right; a History
// keeps the samples it draws (one a second, the last minute by default).

const BARS = '▁▂▃▄▅▆▇█';

/** The last `width` values scaled to `max` (values above it draw full); missing samples are blank. */
export function sparkline(values: readonly number[], width: number, max: number): string {
  if (width <= 0) return '';
  const shown = values.slice(-width);
  const bars = shown.map((v) => {
    const f = max > 0 ? Math.min(Math.max(v / max, 0), 1) : 0;
    return BARS[Math.min(BARS.length - 1, Math.floor(f * BARS.length))];
  });
  return ' '.repeat(width - shown.length) + bars.join('');
}

export class History {
  private readonly samples: number[] = [];

  constructor(readonly capacity = 60) {}

  push(v: number): void {
    this.samples.push(v);
    if (this.samples.length > this.capacity) this.samples.shift();
  }

  values(): readonly number[] {
    return this.samples;
  }

  last(): number {
    return this.samples.length ? this.samples[this.samples.length - 1] : 0;
  }

  max(): number {
    return this.samples.reduce((a, b) => Math.max(a, b), 0);
  }
}
