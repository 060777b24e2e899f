// The tiling: every pane count from 1 to 8 on even and odd sizes, zoom, and
// the window that is too small.
import { describe, expect, test } from 'vitest';
import { gridShape, MIN_HEIGHT, MIN_WIDTH, type Rect, screenLayout, tile } from '../../host/tui/layout.js';

const overlap = (a: Rect, b: Rect) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe('tiling', () => {
  test('1 full, 2 side by side, 3-4 in 2x2, 5-8 in 4x2', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => gridShape(n))).toEqual([
      { cols: 1, rows: 1 }, { cols: 2, rows: 1 }, { cols: 2, rows: 2 }, { cols: 2, rows: 2 },
      { cols: 4, rows: 2 }, { cols: 4, rows: 2 }, { cols: 4, rows: 2 }, { cols: 4, rows: 2 },
    ]);
  });

  for (const [w, h] of [[120, 39], [81, 23], [200, 49], [80, 22]]) {
    test(`1 to 8 panes on ${w}x${h}: inside the area, no overlap, widths and heights differ by at most one`, () => {
      const area = { left: 0, top: 0, width: w, height: h };
      for (let n = 1; n <= 8; n++) {
        const rects = tile(n, area);
        expect(rects).toHaveLength(n);
        for (const r of rects) {
          expect(r.left).toBeGreaterThanOrEqual(0);
          expect(r.top).toBeGreaterThanOrEqual(0);
          expect(r.left + r.width).toBeLessThanOrEqual(w);
          expect(r.top + r.height).toBeLessThanOrEqual(h);
        }
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(overlap(rects[i], rects[j])).toBe(false);
        const ws = rects.map((r) => r.width);
        const hs = rects.map((r) => r.height);
        expect(Math.max(...ws) - Math.min(...ws)).toBeLessThanOrEqual(1);
        expect(Math.max(...hs) - Math.min(...hs)).toBeLessThanOrEqual(1);
        // A full first row covers the whole width, a full grid the whole height.
        const { cols, rows } = gridShape(n);
        expect(rects.slice(0, cols).reduce((s, r) => s + r.width, 0)).toBe(w);
        if (n === cols * rows) expect(rects.filter((r) => r.left === 0).reduce((s, r) => s + r.height, 0)).toBe(h);
      }
    });
  }

  test('the third of three panes sits under the first, leaving the 2x2 grid its shape', () => {
    const [a, b, c] = tile(3, { left: 0, top: 0, width: 120, height: 38 });
    expect(a).toEqual({ left: 0, top: 0, width: 60, height: 19 });
    expect(b).toEqual({ left: 60, top: 0, width: 60, height: 19 });
    expect(c).toEqual({ left: 0, top: 19, width: 60, height: 19 });
  });
});

describe('the screen', () => {
  test('the status bar takes the bottom lines, the panes the rest', () => {
    const l = screenLayout(120, 40, 2, null, 1);
    expect(l.tooSmall).toBe(false);
    expect(l.status).toEqual({ left: 0, top: 39, width: 120, height: 1 });
    expect(l.panes).toEqual([{ left: 0, top: 0, width: 60, height: 39 }, { left: 60, top: 0, width: 60, height: 39 }]);
  });

  test('zoom shows only the zoomed pane, full size; a zoom index out of range is ignored', () => {
    const l = screenLayout(100, 30, 5, 3, 2);
    expect(l.panes.filter((p) => p !== null)).toHaveLength(1);
    expect(l.panes[3]).toEqual({ left: 0, top: 0, width: 100, height: 28 });
    expect(screenLayout(100, 30, 2, 5, 2).panes.every((p) => p !== null)).toBe(true);
  });

  test(`a window smaller than ${MIN_WIDTH}x${MIN_HEIGHT} shows no pane`, () => {
    for (const [w, h] of [[79, 40], [120, 23], [20, 5]]) {
      const l = screenLayout(w, h, 3, null, 1);
      expect(l.tooSmall).toBe(true);
      expect(l.panes).toEqual([null, null, null]);
    }
    expect(screenLayout(MIN_WIDTH, MIN_HEIGHT, 8, null, 2).tooSmall).toBe(false);
  });
});
