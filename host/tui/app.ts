// The TUI put together: panes for the live pgroups over the status bar,
// fed by the data sources, laid out by layout.ts, driven by the key table.
// It owns no machine: run-tui.ts hands it the consoles and the memory views
// and calls pump() whenever the machine wakes the main thread.
import blessed from 'blessed';
import type { UartConsole } from '../devices/index.js';
import type { DiskCounters } from '../devices/virtio-blk.js';
import type { MemoryViews } from '../machine/memory.js';
import { type Action, type KeyEvent, KeyRouter } from './keys.js';
import { screenLayout, tooSmallMessage } from './layout.js';
import { FrameClock } from './frame-clock.js';
import { ConsoleSet } from './sources/consoles.js';
import { HartStats } from './sources/hart-stats.js';
import { PgroupWatch, type TableReader } from './sources/pgroups.js';
import { ConsolePane } from './widgets/console-pane.js';
import { HelpOverlay } from './widgets/help-overlay.js';
import { StatusBar, statusLines } from './widgets/status-bar.js';

export interface TuiDeps {
  screen: blessed.Widgets.Screen;
  uarts: UartConsole[];
  views: MemoryViews;
  nharts: number;
  readTable: TableReader;
  disk(): DiskCounters;
  quit(): void;
  /** Ctrl-A s. */
  snapshot?(): void;
  /** Every byte a console printed, for the panic report. */
  onOutput?(console: number, bytes: Uint8Array): void;
}

// Often enough that a new group's pane appears well within a second.
const POLL_MS = 250;
const SAMPLE_MS = 1000;
// The UART signals the main thread when its TX ring stops being empty, so
// draining on every wake means a wake, and a turn at the UART's lock against
// the writing hart, every few bytes. Draining a few milliseconds later takes
// the same bytes in far fewer turns; a ring that fills meanwhile only makes
// the guest's writer wait.
const DRAIN_MS = 4;

export class TuiApp {
  private readonly screen: blessed.Widgets.Screen;
  private readonly consoles: ConsoleSet;
  private readonly watch: PgroupWatch;
  private readonly harts: HartStats;
  private readonly status: StatusBar;
  private readonly help: HelpOverlay;
  private readonly small: blessed.Widgets.BoxElement;
  private readonly keys = new KeyRouter();
  private readonly frames: FrameClock;
  private readonly timers: NodeJS.Timeout[] = [];
  private drain: NodeJS.Timeout | null = null;
  private readonly startedAt = performance.now();
  private panes: ConsolePane[] = [];
  /** The console of the focused pane. */
  private focus = 0;
  private zoomed = false;

  constructor(private readonly deps: TuiDeps) {
    this.screen = deps.screen;
    this.frames = new FrameClock(() => this.screen.render());
    this.consoles = new ConsoleSet(deps.uarts, (k) => this.consoleChanged(k), deps.onOutput);
    this.watch = new PgroupWatch(deps.readTable);
    this.harts = new HartStats(deps.views, deps.nharts);
    this.status = new StatusBar(this.screen);
    this.small = blessed.box({ parent: this.screen, top: 0, left: 0, height: 1, hidden: true });
    this.help = new HelpOverlay(this.screen);
    this.screen.program.on('keypress', (ch: string | undefined, key: KeyEvent) => this.onKey({ ...key, ch }));
    this.screen.on('resize', () => this.relayout());
    this.watch.poll();
    this.syncPanes();
    this.sample();
    this.timers.push(setInterval(() => this.poll(), POLL_MS), setInterval(() => this.sample(), SAMPLE_MS));
  }

  /** The machine woke the main thread: output may be waiting. */
  pump(): void {
    this.drain ??= setTimeout(() => {
      this.drain = null;
      this.consoles.pump();
    }, DRAIN_MS);
  }

  /** The consoles' host ends, for a snapshot and a restore. */
  get consoleSet(): ConsoleSet {
    return this.consoles;
  }

  /** A line for the user in the status bar, for a few seconds (the screen is the TUI's: nothing else may write it). */
  notice(line: string): void {
    this.status.notice(line);
    this.updateStatus();
    this.frames.request();
  }

  /** Takes the last output (a panic's report among it) and stops every timer. */
  destroy(): void {
    if (this.drain) clearTimeout(this.drain);
    this.consoles.pump();
    for (const t of this.timers) clearInterval(t);
    this.frames.stop();
    this.consoles.dispose();
  }

  private consoleChanged(k: number): void {
    if (this.panes.some((p) => p.console === k && !p.box.hidden)) this.frames.request();
  }

  private poll(): void {
    if (this.watch.poll()) this.syncPanes();
  }

  private sample(): void {
    this.harts.sample();
    this.watch.sampleCpu();
    this.updateStatus();
    this.updatePanes();
    this.frames.request();
  }

  /** Makes one pane per live group (the root console alone without a table) and closes the others. */
  private syncPanes(): void {
    const wanted = this.watch.panes().map((s) => s.console);
    for (const p of this.panes) {
      if (!wanted.includes(p.console)) {
        p.destroy();
        this.consoles.drop(p.console);
      }
    }
    const kept = new Map(this.panes.filter((p) => wanted.includes(p.console)).map((p) => [p.console, p]));
    this.panes = wanted.map((k) => kept.get(k) ?? new ConsolePane(this.screen, k, this.consoles.terminal(k), {
      focus: () => this.setFocus(k),
      scroll: (lines) => this.consoles.terminal(k).scrollLines(lines),
    }));
    if (!wanted.includes(this.focus)) this.focus = wanted[0];
    this.relayout();
  }

  private relayout(): void {
    const width = this.screen.cols;
    const height = this.screen.rows;
    const lines = this.statusText();
    const zoom = this.zoomed ? this.panes.findIndex((p) => p.console === this.focus) : null;
    const layout = screenLayout(width, height, this.panes.length, zoom, lines.length);
    this.panes.forEach((p, i) => p.place(layout.panes[i]));
    this.status.place(layout.status);
    this.small.setContent(tooSmallMessage(width, height));
    this.small.width = width;
    if (layout.tooSmall) {
      this.small.show();
      this.status.box.hide();
      this.help.hide();
    } else {
      this.small.hide();
      this.status.box.show();
    }
    this.updateStatus();
    this.updatePanes();
    this.frames.request();
  }

  private statusModel() {
    const d = this.deps.disk();
    return {
      harts: this.harts.harts, totalMips: this.harts.totalMips(),
      uptimeSeconds: (performance.now() - this.startedAt) / 1000, reads: d.reads, writes: d.writes,
    };
  }

  // The last column stays empty: blessed wraps a line that reaches the bottom-right corner.
  private statusText(): string[] {
    return statusLines(this.screen.cols - 1, this.statusModel());
  }

  private updateStatus(): void {
    this.status.update(this.statusText());
  }

  private updatePanes(): void {
    const sources = this.watch.panes();
    for (const p of this.panes) {
      const source = sources.find((s) => s.console === p.console);
      if (source) p.update({ source, focused: p.console === this.focus, ramBytes: this.watch.ramBytes() });
    }
  }

  private setFocus(console: number): void {
    if (!this.panes.some((p) => p.console === console)) return;
    this.focus = console;
    if (this.zoomed) this.relayout();
    this.updatePanes();
    this.frames.request();
  }

  private onKey(key: KeyEvent): void {
    if (this.help.shown) {
      this.help.hide();
      this.frames.request();
      return;
    }
    const r = this.keys.route(key);
    if (r === null) return;
    if ('send' in r) {
      this.consoles.terminal(this.focus).follow();
      this.consoles.send(this.focus, Buffer.from(r.send, 'utf8'));
      return;
    }
    this.act(r.action);
  }

  private act(a: Action): void {
    const order = this.panes.map((p) => p.console);
    const at = order.indexOf(this.focus);
    switch (a.kind) {
      case 'focus': {
        const pane = this.watch.panes().find((s) => (s.group?.id ?? s.console) === a.group);
        if (pane) this.setFocus(pane.console);
        break;
      }
      case 'next': this.setFocus(order[(at + 1) % order.length]); break;
      case 'prev': this.setFocus(order[(at - 1 + order.length) % order.length]); break;
      case 'zoom': this.zoomed = !this.zoomed; this.relayout(); break;
      case 'help': this.help.toggle(); this.frames.request(); break;
      case 'quit': this.deps.quit(); break;
      case 'snapshot': this.deps.snapshot?.(); break;
      case 'scroll': this.consoles.terminal(this.focus).scrollPages(a.pages); break;
    }
  }
}
