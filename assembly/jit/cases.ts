// Leader page offsets to case numbers, for the translation in progress.

let table: u32 = 0;
const NONE: u32 = 0xffff;

export function useCaseTable(base: u32): void {
  table = base;
  memory.fill(table, 0xff, 0x1000);
}
export function setCase(off: u32, k: i32): void { store<u16>(table + off, <u16>k); }
/** The case of the leader at `off`, or -1 when no case starts there. */
export function caseOf(off: u32): i32 {
  const k = <u32>load<u16>(table + off);
  return k == NONE ? -1 : <i32>k;
}
