// Every UART's host end, each with the terminal that keeps its screen. All
// consoles are drained on every wake, shown or not: a group's first output
// may come before the table shows the group, and a UART nobody drains makes
// its guest writer wait. Terminals are made on first use and dropped when
// the group on that console goes away.
import { SerialLink } from '../../console/serial-link.js';
import type { UartConsole } from '../../devices/index.js';
import { PaneTerminal } from '../widgets/pane-terminal.js';

export class ConsoleSet {
  private readonly links: SerialLink[];
  private readonly terminals = new Map<number, PaneTerminal>();

  constructor(uarts: UartConsole[], private readonly changed: (console: number) => void, onOutput: (console: number, bytes: Uint8Array) => void = () => {}) {
    this.links = uarts.map((u, k) => new SerialLink(u, (bytes) => {
      onOutput(k, bytes);
      this.terminal(k).write(bytes);
    }));
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
