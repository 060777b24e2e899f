// The blessed screen, made the way that works on the terminals we meet
// (see DESIGN.md, the TUI probe): tmux's terminfo, line drawing in
// capture-pane, block characters under any LANG, and our own signal
// handlers instead of blessed's (which exit 0 without a word).
import blessed from 'blessed';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 } as const;

export interface TuiScreen {
  screen: blessed.Widgets.Screen;
  /** Puts the terminal back as it was; safe to call twice. */
  restore(): void;
}

export function createScreen(): TuiScreen {
  // Borders come out as `lqqk` through tmux unless ncurses-style ACS is off.
  process.env.NCURSES_NO_UTF8_ACS = '1';
  const term = process.env.TERM ?? 'xterm';
  // blessed cannot parse tmux-256color's terminfo and falls back to 8 colours.
  const terminal = /^(screen|tmux)/.test(term) ? 'xterm-256color' : term;
  const screen = blessed.screen({
    smartCSR: true, fullUnicode: true, forceUnicode: true, terminal, title: 'xv6-wasm', warnings: false,
  });
  screen.program.hideCursor();
  screen.enableMouse();
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
    screen.destroy();
  };
  // blessed's own handlers step aside when another listener exists.
  const onSignal = (signal: keyof typeof SIGNALS) => {
    restore();
    process.exit(128 + SIGNALS[signal]);
  };
  for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.on(s, onSignal);
  return { screen, restore };
}
