// Tiny bare-metal programs for the `run` tests, assembled here with the cross
// compiler against the generated platform.h (so no address is typed twice).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './cli.js';

const TOHOST = `
.data
.align 3
.globl tohost
tohost: .dword 0
`;

/** Ends the program through HTIF with value v (1 = pass, (n<<1)|1 = test n failed). */
const htif = (v: string) => `li t0, ${v}; la t1, tohost; sd t0, 0(t1); 1: j 1b`;

const PROGRAMS: Record<string, string> = {
  pass: `_start: ${htif('1')}\n${TOHOST}`,
  fail3: `_start: ${htif('(3 << 1) | 1')}\n${TOHOST}`,
  'finisher-pass': `_start: li t0, FINISHER_BASE; li t1, FINISHER_PASS; sw t1, 0(t0); 1: j 1b`,
  'finisher-fail5': `_start: li t0, FINISHER_BASE; li t1, (5 << 16) | FINISHER_FAIL; sw t1, 0(t0); 1: j 1b`,
  loop: `_start: 1: j 1b`,
  // No trap handler: the illegal instruction traps to mtvec = 0, which faults again, forever.
  illegal: `_start: .word 0; 1: j 1b`,
  // Hart 0 prints; the others (with --cores) sleep.
  hello: `
_start:
  bnez a0, 9f
  li t0, UART0_BASE
  la t1, msg
1: lbu t2, 0(t1)
  beqz t2, 2f
  sb t2, 0(t0)
  addi t1, t1, 1
  j 1b
2: li t0, FINISHER_BASE; li t1, FINISHER_PASS; sw t1, 0(t0); 3: j 3b
9: wfi; j 9b
.data
msg: .string "hello, world\\n"
`,
  // Echoes UART0 input until 'q', then prints "bye" and passes.
  echo: `
_start:
  li t0, UART0_BASE
1: lbu t1, 5(t0)          # LSR
  andi t1, t1, 1          # DR
  beqz t1, 1b
  lbu t2, 0(t0)           # RBR
  sb t2, 0(t0)            # THR
  li t3, 'q'
  bne t2, t3, 1b
  li t2, 'b'; sb t2, 0(t0)
  li t2, 'y'; sb t2, 0(t0)
  li t2, 'e'; sb t2, 0(t0)
  li t0, FINISHER_BASE; li t1, FINISHER_PASS; sw t1, 0(t0); 3: j 3b
`,
  // Counts its boots in RAM the program does not load (a reset keeps RAM);
  // prints the count, resets through the finisher once, then passes.
  reset: `
_start:
  li t0, RAM_BASE + 0x100000
  lw t1, 0(t0)
  addi t1, t1, 1
  sw t1, 0(t0)
  li t3, UART0_BASE
  addi t4, t1, '0'
  sb t4, 0(t3)
  li t0, FINISHER_BASE
  li t2, 1
  bne t1, t2, 2f
  li t1, FINISHER_RESET; sw t1, 0(t0); 1: j 1b
2: li t1, FINISHER_PASS; sw t1, 0(t0); 3: j 3b
`,
  // Says "ready>" once it runs, then echoes every byte it receives.
  'echo-forever': `
_start:
  li t0, UART0_BASE
  la t3, banner
2: lbu t2, 0(t3)
  beqz t2, 1f
  sb t2, 0(t0)
  addi t3, t3, 1
  j 2b
1: lbu t1, 5(t0)
  andi t1, t1, 1
  beqz t1, 1b
  lbu t2, 0(t0)
  sb t2, 0(t0)
  j 1b
banner: .asciz "ready>"
`,
  // Every hart counts in s1 (the addi at RAM_BASE + 4) and keeps in s3 the
  // longest step of mtime it saw between two turns of the loop.
  count: `_start: .option norvc; csrr s2, time
1: addi s1, s1, 1; csrr t0, time; sub t1, t0, s2; mv s2, t0; bleu t1, s3, 1b; mv s3, t1; j 1b`,
  // Every hart counts in s1 and stores the count to its own word of
  // `words` (the sd at RAM_BASE + 0x10), for watchpoints.
  store: `_start: .option norvc; la t0, words; slli t1, a0, 3; add t0, t0, t1
1: addi s1, s1, 1; sd s1, 0(t0); j 1b
.data
.align 3
.globl words
words: .dword 0, 0, 0, 0, 0, 0, 0, 0`,
  trace: `_start: .option norvc; addi a0, zero, 10; .option rvc; c.addi a0, 5; ${htif('1')}\n${TOHOST}`,
  // Every hart checks its entry registers, then adds hartid+1 to a shared
  // sum; hart 0 waits for all and checks the total: 1+2+...+NHARTS.
  harts: `
_start:
  csrr t0, mhartid
  bne a0, t0, bad_a0
  lwu t1, 0(a1)           # the device tree's magic, big-endian 0xd00dfeed
  li t2, 0xedfe0dd0
  bne t1, t2, bad_a1
  la t3, sum
  addi t4, a0, 1
  amoadd.w zero, t4, (t3)
  la t3, count
  li t4, 1
  amoadd.w zero, t4, (t3)
  bnez a0, park
wait:
  lw t4, 0(t3)
  li t5, NHARTS
  bne t4, t5, wait
  la t3, sum
  lw t4, 0(t3)
  li t5, NHARTS * (NHARTS + 1) / 2
  bne t4, t5, bad_sum
  ${htif('1')}
bad_a0: ${htif('(2 << 1) | 1')}
bad_a1: ${htif('(3 << 1) | 1')}
bad_sum: ${htif('(4 << 1) | 1')}
park: wfi; j park
.data
.align 3
sum: .word 0
count: .word 0
${TOHOST}`,
};

let dir = '';

/** Assembles PROGRAMS[name] (with -D defines) and returns the ELF's path. */
export function program(name: string, defines: Record<string, number> = {}): string {
  if (!dir) dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-run-'));
  const tag = [name, ...Object.entries(defines).map(([k, v]) => `${k}${v}`)].join('-');
  const src = join(dir, `${tag}.S`);
  const out = join(dir, `${tag}.elf`);
  writeFileSync(src, `#include "platform.h"\n.section .text\n.globl _start\n${PROGRAMS[name]}\n`);
  execFileSync('riscv64-unknown-elf-gcc', [
    '-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-nostdlib', '-nostartfiles', '-static',
    `-I${join(root, 'build/gen')}`, ...Object.entries(defines).map(([k, v]) => `-D${k}=${v}`),
    '-Wl,-Ttext=0x80000000', '-Wl,-N', '-Wl,--no-relax', '-Wl,--no-warn-rwx-segments', '-Wl,--build-id=none', '-o', out, src,
  ]);
  return out;
}

/** Removes the assembled programs; the next program() starts a new directory. */
export function removePrograms(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
}
