// One --trace line for a trap a hart took, in the spirit of QEMU's -d int:
//
//   <hart> trap <what> (cause <n>) epc <pc> tval <tval>: <mode> -> <mode> at <handler>
//
// e.g. "0 trap ecall from U (cause 8) epc 0000000000000010 tval 0000000000000000: U -> S at 0000000080001000".

// Names of mcause codes (privileged spec, the mcause table).
const EXCEPTIONS: Record<number, string> = {
  0: 'instruction address misaligned', 1: 'instruction access fault', 2: 'illegal instruction',
  3: 'breakpoint', 4: 'load address misaligned', 5: 'load access fault', 6: 'store address misaligned',
  7: 'store access fault', 8: 'ecall from U', 9: 'ecall from S', 11: 'ecall from M',
  12: 'instruction page fault', 13: 'load page fault', 15: 'store page fault',
};
const INTERRUPTS: Record<number, string> = {
  1: 'supervisor software interrupt', 3: 'machine software interrupt', 5: 'supervisor timer interrupt',
  7: 'machine timer interrupt', 9: 'supervisor external interrupt', 11: 'machine external interrupt',
};
const MODES = ['U', 'S', '?', 'M'];

const hex64 = (v: bigint) => v.toString(16).padStart(16, '0');

export interface TrapRecord {
  cause: bigint;
  tval: bigint;
  epc: bigint;
  target: bigint;
  from: number;
  to: number;
}

export function formatTrapLine(hartid: number, t: TrapRecord): string {
  const interrupt = (t.cause >> 63n) === 1n;
  const code = Number(t.cause & 0x7fffffffffffffffn);
  const what = (interrupt ? INTERRUPTS[code] : EXCEPTIONS[code]) ?? (interrupt ? 'interrupt' : 'exception');
  return `${hartid} trap ${what} (cause ${interrupt ? 'interrupt ' : ''}${code}) epc ${hex64(t.epc)} tval ${hex64(t.tval)}: `
    + `${MODES[t.from & 3]} -> ${MODES[t.to & 3]} at ${hex64(t.target)}\n`;
}
