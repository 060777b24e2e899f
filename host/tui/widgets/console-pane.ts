// One pane: a bordered box whose title is the group's line of figures, a
// memory gauge and a CPU sparkline on top, and the group's console below,
// painted from its PaneTerminal after blessed has drawn the box.
import blessed from 'blessed';
import type { Rect } from '../layout.js';
import type { PaneSource } from '../sources/pgroups.js';
import { plainTitle, paneTitle } from '../title.js';
import { memGauge } from '../gauge.js';
import { sparkline } from '../sparkline.js';
import { paintTerminal, type ScreenLine } from './paint.js';
import type { PaneTerminal } from './pane-terminal.js';

export interface PaneHandlers {
  focus(): void;
  scroll(lines: number): void;
}

export interface PaneView {
  source: PaneSource;
  focused: boolean;
  /** Bytes of guest RAM: the gauge's scale for a group without memory.max. */
  ramBytes: number | null;
}

const WHEEL_LINES = 3;

export class ConsolePane {
  readonly box: blessed.Widgets.BoxElement;
  private view: PaneView | null = null;
  private rect: Rect | null = null;

  constructor(private readonly screen: blessed.Widgets.Screen, readonly console: number, readonly terminal: PaneTerminal, handlers: PaneHandlers) {
    this.box = blessed.box({
      parent: screen, border: { type: 'line' }, tags: true, hidden: true, clickable: true,
      style: { border: { fg: 'gray' }, label: {} },
    });
    this.box.on('click', () => handlers.focus());
    this.box.on('wheelup', () => handlers.scroll(-WHEEL_LINES));
    this.box.on('wheeldown', () => handlers.scroll(WHEEL_LINES));
    this.box.on('render', () => this.paint());
  }

  /** Header lines above the console: none for a console without a group. */
  private headerLines(): number {
    return this.view?.source.group ? 2 : 0;
  }

  place(rect: Rect | null): void {
    this.rect = rect;
    if (!rect) {
      this.box.hide();
      return;
    }
    Object.assign(this.box, { left: rect.left, top: rect.top, width: rect.width, height: rect.height });
    this.box.show();
    this.fitTerminal();
  }

  private fitTerminal(): void {
    if (this.rect) this.terminal.resize(this.rect.width - 2, this.rect.height - 2 - this.headerLines());
  }

  update(view: PaneView): void {
    const hadHeader = this.headerLines();
    this.view = view;
    if (this.headerLines() !== hadHeader) this.fitTerminal();
    const g = view.source.group;
    const width = (this.rect?.width ?? 80) - 3; // the label sits between "┌─" and "┐"
    const frozen = g?.state === 'frozen';
    const back = this.terminal.scrolledBack();
    const scrolled = back > 0 ? ` ↑${back} ` : '';
    const title = g ? paneTitle(g, width - scrolled.length) : plainTitle(view.source.console, width);
    this.box.setLabel(blessed.escape(title + scrolled));
    const border = frozen ? (view.focused ? 'cyan' : 'blue') : view.focused ? 'green' : 'gray';
    const style = this.box.style as { border: { fg: string }; label: { fg?: string; bold?: boolean } };
    style.border.fg = border;
    style.label.fg = frozen ? 'blue' : view.focused ? 'green' : undefined;
    style.label.bold = view.focused;
    this.box.setContent(g ? this.header(view, this.rect ? this.rect.width - 2 : 78) : '');
  }

  private header(view: PaneView, width: number): string {
    const g = view.source.group!;
    const max = g.memMax ?? view.ramBytes ?? g.memPeak;
    const gauge = memGauge(g.memCurrent, g.memPeak, max, width);
    const used = max > 0 ? g.memCurrent / max : 0;
    const fill = used >= 0.9 ? 'red' : used >= 0.75 ? 'yellow' : 'green';
    const bar = gauge.bar
      .replace(/█+/g, (m) => `{${fill}-fg}${m}{/${fill}-fg}`)
      .replace(/░+/g, (m) => `{gray-fg}${m}{/gray-fg}`)
      .replace('┃', '{yellow-fg}┃{/yellow-fg}');
    const cpu = view.source.cpu;
    const pct = ` ${Math.round(g.cpuPercent)}%`;
    const spark = sparkline(cpu.values(), Math.max(0, width - 4 - pct.length), Math.max(100, cpu.max()));
    const frozen = g.state === 'frozen' ? 'blue' : 'cyan';
    return `${gauge.label}${bar}${gauge.tail}\ncpu {${frozen}-fg}${spark}{/${frozen}-fg}${pct}`;
  }

  private paint(): void {
    const r = this.rect;
    if (!r || this.box.hidden) return;
    const top = r.top + 1 + this.headerLines();
    const inner = { left: r.left + 1, top, width: r.width - 2, height: r.height - 2 - this.headerLines() };
    const lines = (this.screen as unknown as { lines: ScreenLine[] }).lines;
    paintTerminal(this.terminal.term, lines, inner, this.view?.focused ?? false);
  }

  destroy(): void {
    this.box.destroy();
  }
}
