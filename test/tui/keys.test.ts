// The key table: Ctrl-A commands, what reaches the console, and the help
// generated from the same table.
import { describe, expect, test } from 'vitest';
import { BINDINGS, helpLines, KeyRouter, type KeyEvent } from '../../host/tui/keys.js';

const key = (full: string, sequence = full, name = full): KeyEvent => ({ full, sequence, name });
const CA = key('C-a', '\x01', 'a');

function typed(keys: KeyEvent[]) {
  const r = new KeyRouter();
  return keys.map((k) => r.route(k));
}

describe('keys', () => {
  test('Ctrl-A then a key is a command; the key alone is input', () => {
    expect(typed([CA, key('3')])).toEqual([null, { action: { kind: 'focus', group: 3 } }]);
    expect(typed([CA, key('0')])[1]).toEqual({ action: { kind: 'focus', group: 0 } });
    expect(typed([CA, key('7')])[1]).toEqual({ action: { kind: 'focus', group: 7 } });
    for (const [k, kind] of [['n', 'next'], ['p', 'prev'], ['z', 'zoom'], ['h', 'help'], ['x', 'quit']]) {
      expect(typed([CA, key(k)])[1]).toEqual({ action: { kind } });
      expect(typed([key(k)])[0]).toEqual({ send: k });
    }
  });

  test('Ctrl-A Ctrl-A sends one Ctrl-A; an unbound key after Ctrl-A is dropped; the prefix is used once', () => {
    expect(typed([CA, CA, key('x')])).toEqual([null, { send: '\x01' }, { send: 'x' }]);
    expect(typed([CA, key('q'), key('q')])).toEqual([null, null, { send: 'q' }]);
    expect(typed([CA, key('8')])[1]).toBeNull();
  });

  test('keys reach the console as their own bytes; Return once, not twice', () => {
    const r = new KeyRouter();
    expect(r.route(key('up', '\x1b[A'))).toEqual({ send: '\x1b[A' });
    expect(r.route(key('C-c', '\x03', 'c'))).toEqual({ send: '\x03' });
    expect(r.route({ full: 'enter', name: 'enter', sequence: '\r' })).toBeNull();
    expect(r.route({ full: 'return', name: 'return', sequence: '\r' })).toEqual({ send: '\r' });
    expect(r.route({ full: 'linefeed', name: 'linefeed', sequence: '\n' })).toEqual({ send: '\n' });
    // What blessed has no name for comes as a bare character.
    expect(r.route({ full: '-', ch: '-' })).toEqual({ send: '-' });
    expect(r.route({ full: '4', ch: '4' })).toEqual({ send: '4' });
  });

  test('Shift-PgUp and Shift-PgDn scroll without a prefix', () => {
    expect(typed([key('S-pageup', '\x1b[5;2~', 'pageup')])[0]).toEqual({ action: { kind: 'scroll', pages: -0.5 } });
    expect(typed([key('S-pagedown', '\x1b[6;2~', 'pagedown')])[0]).toEqual({ action: { kind: 'scroll', pages: 0.5 } });
    expect(typed([key('pageup', '\x1b[5~')])[0]).toEqual({ send: '\x1b[5~' });
  });

  test('no key is bound twice, and the help lists every binding', () => {
    const seen = BINDINGS.flatMap((b) => b.keys.map((k) => `${b.prefixed}:${k}`));
    expect(new Set(seen).size).toBe(seen.length);
    const help = helpLines().join('\n');
    for (const b of BINDINGS) expect(help).toContain(b.label);
    expect(help).toContain('C-a C-a');
  });
});
