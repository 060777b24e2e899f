// Every UART's host end, each with the terminal that keeps its screen. All
// consoles are drained on every wake, shown or not: a group's first output
// may come before the table shows the group, and a UART nobody drains makes
// its guest writer wait. Terminals are made on first use and dropped when
// the group on that console goes away.
import { OutputTail } from '../../console/output-tail.js';
import { SerialLink } from '../../console/serial-link.js';
import type { UartConsole } from '../../devices/index.js';
import type { ConsoleHostState } from '../../snapshot/snapshot.js';
import { PaneTerminal } from '../widgets/pane-terminal.js';

export class ConsoleSet {
  private readonly links: SerialLink[];
  private readonly terminals = new Map<number, PaneTerminal>();
  /** What each screen shows, for a snapshot to paint again. */
  private readonly tails: OutputTail[];

  constructor(uarts: UartConsole[], private readonly changed: (console: number) => void, onOutput: (console: number, bytes: Uint8Array) => void = () => {}) {
    this.tails = uarts.map(() => new OutputTail());
    this.links = uarts.map((u, k) => new SerialLink(u, (bytes) => {
      onOutput(k, bytes);
      this.tails[k].add(bytes);
      this.terminal(k).write(bytes);
    }));
  }

  /** For a snapshot: input not yet taken and each screen's last output. */
  hostState(): ConsoleHostState[] {
    return this.links.map((l, k) => ({ input: l.heldInput(), output: new Uint8Array(0), screen: this.tails[k].bytes() }));
  }

  /** A restored snapshot: the screens as they were, then what was held. */
  restoreHostState(states: ConsoleHostState[]): void {
    states.forEach((s, k) => {
      if (!this.links[k]) return;
      for (const bytes of [s.screen, s.output]) {
        this.tails[k].add(bytes);
        this.terminal(k).write(bytes);
      }
      this.links[k].send(s.input);
    });
  }

  get count(): number {
    return this.links.length;
  }

  /** Moves output to the terminals and held input to the guest; on every wake. */
  pump(): void {
    for (const l of this.links) l.pump();
  }

  send(console: number, bytes: Uint8Array): void {
    this.links[console]?.send(bytes);
  }

  terminal(console: number): PaneTerminal {
    let t = this.terminals.get(console);
    if (!t) this.terminals.set(console, (t = new PaneTerminal(80, 24, () => this.changed(console))));
    return t;
  }

  /** Forgets the screen of a console whose group is gone. */
  drop(console: number): void {
    this.terminals.get(console)?.dispose();
    this.terminals.delete(console);
  }

  dispose(): void {
    for (const k of [...this.terminals.keys()]) this.drop(k);
  }
}
