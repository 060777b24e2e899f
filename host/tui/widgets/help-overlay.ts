// Ctrl-A h: the key table in a box over the panes, until the next key.
import blessed from 'blessed';
import { helpLines } from '../keys.js';

export class HelpOverlay {
  private readonly box: blessed.Widgets.BoxElement;

  constructor(screen: blessed.Widgets.Screen) {
    const lines = ['xv6-wasm tui: one pane per pgroup', '', ...helpLines(), '', 'any key closes this help'];
    this.box = blessed.box({
      parent: screen, top: 'center', left: 'center', hidden: true,
      width: Math.max(...lines.map((l) => l.length)) + 4, height: lines.length + 2,
      border: { type: 'line' }, padding: { left: 1, right: 1 },
      content: lines.join('\n'), style: { border: { fg: 'cyan' }, fg: 'white', bg: 'black' },
    });
  }

  get shown(): boolean {
    return !this.box.hidden;
  }

  toggle(): void {
    if (this.shown) this.box.hide();
    else {
      this.box.show();
      this.box.setFront();
    }
  }

  hide(): void {
    this.box.hide();
  }
}
