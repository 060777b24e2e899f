// Every key the TUI handles itself, in one table, and the small state
// machine that splits what the user types into commands for the TUI and
// bytes for the focused console. The prefix is Ctrl-A, as in `boot` and
// QEMU; a key after Ctrl-A that is not in the table is dropped, as there.

export type Action =
  | { kind: 'focus'; group: number }
  | { kind: 'next' }
  | { kind: 'prev' }
  | { kind: 'zoom' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'snapshot' }
  | { kind: 'scroll'; pages: number };

export interface Binding {
  /** blessed's full key names ('C-a', 'S-pageup', '3'). */
  keys: string[];
  /** Only after Ctrl-A. */
  prefixed: boolean;
  action: (key: string) => Action;
  /** For the help overlay and the README. */
  label: string;
  help: string;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7'];

export const BINDINGS: Binding[] = [
  { keys: DIGITS, prefixed: true, action: (k) => ({ kind: 'focus', group: Number(k) }), label: 'C-a 0..7', help: 'focus the pane of group 0..7' },
  { keys: ['n'], prefixed: true, action: () => ({ kind: 'next' }), label: 'C-a n', help: 'next pane' },
  { keys: ['p'], prefixed: true, action: () => ({ kind: 'prev' }), label: 'C-a p', help: 'previous pane' },
  { keys: ['z'], prefixed: true, action: () => ({ kind: 'zoom' }), label: 'C-a z', help: 'zoom the focused pane to full screen and back' },
  { keys: ['h'], prefixed: true, action: () => ({ kind: 'help' }), label: 'C-a h', help: 'this help' },
  { keys: ['x'], prefixed: true, action: () => ({ kind: 'quit' }), label: 'C-a x', help: 'quit (the disk image stays consistent)' },
  { keys: ['s'], prefixed: true, action: () => ({ kind: 'snapshot' }), label: 'C-a s', help: 'save a snapshot of the machine (tui --restore FILE goes on from it)' },
  { keys: ['S-pageup'], prefixed: false, action: () => ({ kind: 'scroll', pages: -0.5 }), label: 'S-PgUp', help: 'scroll the focused pane back (also the mouse wheel)' },
  { keys: ['S-pagedown'], prefixed: false, action: () => ({ kind: 'scroll', pages: 0.5 }), label: 'S-PgDn', help: 'scroll the focused pane forward' },
];

const PREFIX = 'C-a';
const CTRL_A = '\x01';

/** Help lines, the table above plus what is not an action. */
export function helpLines(): string[] {
  const row = (b: Binding) => [b.label, b.help];
  const rows = [
    ...BINDINGS.filter((b) => b.prefixed).map(row),
    ['C-a C-a', 'send Ctrl-A to the console'],
    ...BINDINGS.filter((b) => !b.prefixed).map(row),
    ['click', 'focus a pane'],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, h]) => `${k.padEnd(w)}  ${h}`);
}

/** A key as blessed reports it on the program's keypress event. */
export interface KeyEvent {
  name?: string;
  full: string;
  /** The bytes typed; blessed leaves it out for characters it has no name for ('-', '4'). */
  sequence?: string;
  ch?: string;
}

export type Routed = { action: Action } | { send: string } | null;

export class KeyRouter {
  private prefixed = false;

  route(key: KeyEvent): Routed {
    // blessed reports Return twice: as 'return' and again as 'enter'.
    if (key.name === 'enter' && key.sequence === '\r') return null;
    if (this.prefixed) {
      this.prefixed = false;
      if (key.full === PREFIX) return { send: CTRL_A };
      return this.lookup(key.full, true);
    }
    if (key.full === PREFIX) {
      this.prefixed = true;
      return null;
    }
    const typed = key.sequence ?? key.ch;
    return this.lookup(key.full, false) ?? (typed ? { send: typed } : null);
  }

  private lookup(full: string, prefixed: boolean): Routed {
    const b = BINDINGS.find((x) => x.prefixed === prefixed && x.keys.includes(full));
    return b ? { action: b.action(full) } : null;
  }
}
