// Console fuzz: random bytes, escape sequences, tabs and pastes of up to
// 64 KiB, each sent to a console in one write at full speed, on 1 and 8
// harts, to the root console (UART0, the emulator's stdin) and to a pgroup's
// console (UART1, its --serial-dir socket). Every byte must arrive, in order:
// `wc` in the guest counts what it got, and a paste of numbered lines goes
// through `cat` into a file that is read back whole. The bytes left out, and
// why, are in console-paste.ts.
//
// The seed is printed; XV6_CONSOLE_SEED=N repeats a run.
import { afterEach, describe, expect, it } from 'vitest';
import { asOutput, numberedLines, prng, randomPaste, wcCounts, type WcCounts } from './console-paste.js';
import { scratch, type Target } from './fs-guest.js';
import { boot, emulator, type Session } from './session.js';
import { SocketConsole } from './socket-console.js';

const seed = Number(process.env.XV6_CONSOLE_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`[console-fuzz] seed ${seed} (XV6_CONSOLE_SEED=${seed} repeats this run)`);

const KIB64 = 64 * 1024;
const WAIT_MS = 90_000;

/** What both consoles offer: the root one (Guest) and a group's (SocketConsole). */
interface Console {
  output: string;
  type(line: string): void;
  waitFor(re: RegExp, ms?: number, from?: number): Promise<RegExpMatchArray>;
}

interface Machine extends Session {
  serialDir: string;
}

/** A booted machine whose group consoles are sockets in a scratch folder. */
async function bootWithSerialDir(cores: number): Promise<Machine> {
  const { dir, cleanup } = scratch();
  const target: Target = { ...emulator, argv: (disk, n) => [...emulator.argv(disk, n), '--serial-dir', dir] };
  const session = await boot(target, cores).catch((e: unknown) => {
    cleanup();
    throw e;
  });
  return { ...session, serialDir: dir, close: async () => { await session.close(); cleanup(); } };
}

let tags = 0;
/** A marker no paste contains, so that only the command's own output matches it. */
const tag = () => `end-${seed.toString(36)}-${tags++}`;

/** Pastes `paste` into `wc` in one write, then has the shell print the counts. */
async function wcOf(con: Console, paste: string): Promise<WcCounts> {
  const end = tag();
  const from = con.output.length;
  con.type(`wc > wc.out\n${paste}\x04\ncat wc.out; echo ${end}`);
  // Echo and prompts may interleave (the shell prompts while the kernel
  // still echoes the line), but the counts follow one or the other. The
  // prompt after the marker means the shell is idle again: a command typed
  // before it would be echoed ahead of that prompt, and a caller looking for
  // its own command's prompt would take this one.
  const m = await con.waitFor(new RegExp(`(?:\\n|\\$ )(\\d+) (\\d+) (\\d+) \\n${end}\\n\\$ `), WAIT_MS, from);
  return { lines: Number(m[1]), words: Number(m[2]), bytes: Number(m[3]) };
}

/** Pastes `text` into `cat > FILE` in one write, then reads the file back. */
async function roundTrip(con: Console, text: string): Promise<string> {
  const end = tag();
  const from = con.output.length;
  con.type(`cat > lines.txt\n${text}\x04\ncat lines.txt; echo ${end}`);
  // The file ends with a newline, and the marker's line follows it (its
  // echo follows "echo "). Waiting for the prompt too, as in wcOf.
  await con.waitFor(new RegExp(`\\n${end}\\n\\$ `), WAIT_MS, from);
  const at = con.output.lastIndexOf(`\n${end}\n`) + 1;
  return con.output.slice(at - asOutput(text).length, at);
}

/** The first line where `got` and `want` differ, for a failure message. */
function firstDifference(got: string, want: string): string {
  const g = got.split('\n');
  const w = want.split('\n');
  const i = w.findIndex((line, k) => g[k] !== line);
  return i < 0 ? `the read-back has ${g.length - w.length} more lines` : `line ${i}: sent ${JSON.stringify(w[i])}, read back ${JSON.stringify(g[i])}`;
}

/** wc and read-back rounds on one console; logs bytes sent and counted. */
async function fuzzConsole(con: Console, where: string, rand: () => number): Promise<void> {
  const sizes = [KIB64, 1 + Math.floor(rand() * KIB64), 1 + Math.floor(rand() * 4096)];
  for (const size of sizes) {
    const paste = randomPaste(rand, size);
    const want = wcCounts(paste);
    const got = await wcOf(con, paste);
    console.log(`[console-fuzz] seed ${seed}, ${where}: pasted ${want.bytes} bytes into wc, it counted ${got.bytes} (lines ${got.lines}/${want.lines}, words ${got.words}/${want.words})`);
    expect(got, `seed ${seed}, ${where}: wc of a ${size}-byte paste`).toEqual(want);
  }
  const text = numberedLines(rand, 1800);
  const back = await roundTrip(con, text);
  console.log(`[console-fuzz] seed ${seed}, ${where}: ${Buffer.byteLength(text)} bytes of numbered lines through cat, ${back.length} read back`);
  expect(back === asOutput(text), `seed ${seed}, ${where}: read-back of numbered lines: ${firstDifference(back, asOutput(text))}`).toBe(true);
}

describe.skipIf(!emulator.available)('console fuzz', () => {
  let m: Machine | undefined;
  const consoles: SocketConsole[] = [];
  afterEach(async () => {
    for (const c of consoles.splice(0)) c.close();
    await m?.close();
    m = undefined;
  });

  for (const cores of [1, 8]) {
    const harts = `${cores} hart${cores > 1 ? 's' : ''}`;
    it(`every byte arrives in order on ${harts}, on the root console and a pgroup's`, async () => {
      const rand = prng(seed + cores);
      m = await bootWithSerialDir(cores);
      await fuzzConsole(m.guest, `${harts}, UART0`, rand);
      const created = await m.guest.run('pgroup create fuzz');
      const id = created.match(/^(\d+)\s*$/m)?.[1];
      expect(id, `seed ${seed}: pgroup create said ${JSON.stringify(created)}`).toBeDefined();
      const group = await SocketConsole.open(m.serialDir, Number(id));
      consoles.push(group);
      await group.waitFor(/\$ $/);
      await fuzzConsole(group, `${harts}, UART${id}`, rand);
    });
  }
});
