// Where everything goes on the screen, as pure arithmetic on cells: the
// panes tiled above a status bar, or the one zoomed pane, or nothing at all
// when the window is too small to be useful. The widgets only obey.

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Below this the panes of a full 4x2 grid would be too small to read. */
export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;

export interface Layout {
  tooSmall: boolean;
  /** One entry per pane, in pane order; null when the pane is not shown (another is zoomed). */
  panes: (Rect | null)[];
  status: Rect;
}

/** Columns and rows of the grid for n panes: 1 full, 2 side by side, 3-4 in 2x2, 5-8 in 4x2. */
export function gridShape(n: number): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  if (n === 2) return { cols: 2, rows: 1 };
  if (n <= 4) return { cols: 2, rows: 2 };
  return { cols: 4, rows: 2 };
}

/** Splits `total` cells into `parts` runs that differ by at most one, the larger first. */
function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** n rectangles covering `area` in a grid, row by row; the grid keeps its shape when the last row is short. */
export function tile(n: number, area: Rect): Rect[] {
  const { cols, rows } = gridShape(n);
  const widths = split(area.width, cols);
  const heights = split(area.height, rows);
  const out: Rect[] = [];
  let top = area.top;
  for (let r = 0; r < rows && out.length < n; r++) {
    let left = area.left;
    for (let c = 0; c < cols && out.length < n; c++) {
      out.push({ left, top, width: widths[c], height: heights[r] });
      left += widths[c];
    }
    top += heights[r];
  }
  return out;
}

/**
 * The whole screen: `count` panes (zoomed: the index of the one shown full
 * size, or null) above a status bar of `statusHeight` lines.
 */
export function screenLayout(width: number, height: number, count: number, zoomed: number | null, statusHeight: number): Layout {
  const status = { left: 0, top: height - statusHeight, width, height: statusHeight };
  if (width < MIN_WIDTH || height < MIN_HEIGHT) {
    return { tooSmall: true, panes: Array.from({ length: count }, () => null), status };
  }
  const area = { left: 0, top: 0, width, height: height - statusHeight };
  if (zoomed !== null && zoomed >= 0 && zoomed < count) {
    return { tooSmall: false, panes: Array.from({ length: count }, (_, i) => (i === zoomed ? area : null)), status };
  }
  return { tooSmall: false, panes: tile(count, area), status };
}

export function tooSmallMessage(width: number, height: number): string {
  return `xv6-wasm: this window is ${width}x${height}; make it at least ${MIN_WIDTH}x${MIN_HEIGHT}`;
}
