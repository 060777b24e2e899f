// On a terminal, the console is raw: every key (Ctrl-C included) reaches the
// guest, and Ctrl-A x quits at once, leaving the terminal as it was. Driven
// through a pseudo-terminal made by Python's pty module.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { haveCrossCompiler } from '../host/toolchain.js';
import { root } from './cli.js';
import { program, removePrograms } from './programs.js';

afterAll(removePrograms);

const havePython = spawnSync('python3', ['-c', 'import pty']).status === 0;

// Types `keys` once the program says it is ready, then Ctrl-A x; prints what the
// terminal showed and the exit status, as JSON.
const DRIVER = `
import json, os, pty, select, sys, time
elf, keys = sys.argv[1], sys.argv[2].encode('latin1')
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[3], [sys.argv[3], 'bin/xv6-wasm.js', 'run', elf])
out = b''
def pump(until):
    global out
    while time.time() < until:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try: out += os.read(fd, 4096)
            except OSError: return
def wait_for(text, limit):
    end = time.time() + limit
    while text not in out and time.time() < end: pump(time.time() + 0.1)
wait_for(b'ready>', 30)
os.write(fd, keys)
wait_for(keys[-3:], 20)
os.write(fd, b'\\x01x')
wait_for(b'Ctrl-A x', 10)
_, status = os.waitpid(pid, 0)
print(json.dumps({'out': out.decode('latin1'), 'code': os.waitstatus_to_exitcode(status)}))
`;

describe.skipIf(!havePython || !haveCrossCompiler())('console on a terminal', () => {
  test('raw keys reach the guest and Ctrl-A x quits', () => {
    const r = spawnSync('python3', ['-c', DRIVER, program('echo-forever'), 'hi\x03yo', process.execPath], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const { out, code } = JSON.parse(r.stdout) as { out: string; code: number };
    // The guest echoes what it gets: Ctrl-C arrived as a byte, not as a signal.
    expect(out).toContain('hi\x03yo');
    expect(out).toMatch(/terminated by Ctrl-A x/);
    expect(code).toBe(0);
  });

  test('Ctrl-A h prints the help with the terminal\'s own line endings', () => {
    const r = spawnSync('python3', ['-c', DRIVER, program('echo-forever'), 'x\x01hyzw', process.execPath], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const { out } = JSON.parse(r.stdout) as { out: string };
    expect(out).toContain('C-a h    print this help\r\nC-a x    exit emulator\r\n');
    expect(out).not.toContain('\r\r\n');
  });
});
