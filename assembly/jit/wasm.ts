// WebAssembly binary encoding (the spec's "Binary Format" chapter): a byte
// cursor over this hart's JIT buffer, LEB128 numbers and the opcodes the
// translator uses. Nothing is allocated: the core runs with the stub
// runtime, and whatever it built would stay forever.

/** Where the next byte goes, and the end of the buffer. Bytes past the end
 *  are counted but not written, so a translation that does not fit is
 *  noticed once, at the end (fits()). */
let at: u32 = 0;
let end: u32 = 0;
let start: u32 = 0;

export function beginBytes(buffer: u32, size: u32): void {
  at = buffer;
  start = buffer;
  end = buffer + size;
}

export function bytePos(): u32 { return at; }
export function fits(): bool { return at <= end; }
export function byteCount(): u32 { return at - start; }

export function byte(b: u32): void {
  if (at < end) store<u8>(at, <u8>b);
  at++;
}

export function u32leb(v: u32): void {
  do {
    let b = v & 0x7f;
    v >>= 7;
    if (v != 0) b |= 0x80;
    byte(b);
  } while (v != 0);
}

export function i32leb(v: i32): void {
  i64leb(<i64>v);
}

export function i64leb(v: i64): void {
  while (true) {
    const b = <u32>v & 0x7f;
    v >>= 7;
    if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) { byte(b); return; }
    byte(b | 0x80);
  }
}

/** A u32 LEB of fixed 5 bytes, to be filled in later (section and body
 *  sizes, known only once their contents are written). */
export function reserveLeb(): u32 {
  const p = at;
  for (let i = 0; i < 5; i++) byte(0x80);
  return p;
}

export function patchLeb(p: u32, v: u32): void {
  if (p + 5 > end) return;
  for (let i: u32 = 0; i < 4; i++) { store<u8>(p + i, <u8>((v & 0x7f) | 0x80)); v >>= 7; }
  store<u8>(p + 4, <u8>(v & 0x7f));
}

/** Bytes written since the reserved LEB at p ended. */
export function sinceLeb(p: u32): u32 { return at - (p + 5); }

export function name(s: string): void {
  u32leb(<u32>s.length);
  for (let i = 0; i < s.length; i++) byte(<u32>s.charCodeAt(i));
}

// Types.
export const T_I32: u32 = 0x7f;
export const T_I64: u32 = 0x7e;
export const T_FUNC: u32 = 0x60;
export const T_VOID: u32 = 0x40;

// Control.
export const UNREACHABLE: u32 = 0x00;
export const BLOCK: u32 = 0x02;
export const LOOP: u32 = 0x03;
export const IF: u32 = 0x04;
export const ELSE: u32 = 0x05;
export const END: u32 = 0x0b;
export const BR: u32 = 0x0c;
export const BR_IF: u32 = 0x0d;
export const BR_TABLE: u32 = 0x0e;
export const RETURN: u32 = 0x0f;
export const CALL: u32 = 0x10;
export const DROP: u32 = 0x1a;
export const SELECT: u32 = 0x1b;

// Variables.
export const LOCAL_GET: u32 = 0x20;
export const LOCAL_SET: u32 = 0x21;
export const LOCAL_TEE: u32 = 0x22;
export const GLOBAL_GET: u32 = 0x23;

// Memory (each followed by memarg: align, offset).
export const I32_LOAD: u32 = 0x28;
export const I64_LOAD: u32 = 0x29;
export const I64_LOAD8_S: u32 = 0x30;
export const I64_LOAD8_U: u32 = 0x31;
export const I64_LOAD16_S: u32 = 0x32;
export const I64_LOAD16_U: u32 = 0x33;
export const I64_LOAD32_S: u32 = 0x34;
export const I64_LOAD32_U: u32 = 0x35;
export const I64_STORE: u32 = 0x37;
export const I64_STORE8: u32 = 0x3c;
export const I64_STORE16: u32 = 0x3d;
export const I64_STORE32: u32 = 0x3e;

// Numbers.
export const I32_CONST: u32 = 0x41;
export const I64_CONST: u32 = 0x42;
export const I32_EQZ: u32 = 0x45;
export const I32_EQ: u32 = 0x46;
export const I32_NE: u32 = 0x47;
export const I32_LT_U: u32 = 0x49;
export const I32_GE_U: u32 = 0x4f;
export const I64_EQZ: u32 = 0x50;
export const I64_EQ: u32 = 0x51;
export const I64_NE: u32 = 0x52;
export const I64_LT_S: u32 = 0x53;
export const I64_LT_U: u32 = 0x54;
export const I64_GE_S: u32 = 0x59;
export const I64_GE_U: u32 = 0x5a;
export const I32_ADD: u32 = 0x6a;
export const I32_SUB: u32 = 0x6b;
export const I32_MUL: u32 = 0x6c;
export const I32_DIV_S: u32 = 0x6d;
export const I32_DIV_U: u32 = 0x6e;
export const I32_REM_S: u32 = 0x6f;
export const I32_REM_U: u32 = 0x70;
export const I32_AND: u32 = 0x71;
export const I32_OR: u32 = 0x72;
export const I32_XOR: u32 = 0x73;
export const I32_SHL: u32 = 0x74;
export const I32_SHR_S: u32 = 0x75;
export const I32_SHR_U: u32 = 0x76;
export const I64_ADD: u32 = 0x7c;
export const I64_SUB: u32 = 0x7d;
export const I64_MUL: u32 = 0x7e;
export const I64_DIV_S: u32 = 0x7f;
export const I64_DIV_U: u32 = 0x80;
export const I64_REM_S: u32 = 0x81;
export const I64_REM_U: u32 = 0x82;
export const I64_AND: u32 = 0x83;
export const I64_OR: u32 = 0x84;
export const I64_XOR: u32 = 0x85;
export const I64_SHL: u32 = 0x86;
export const I64_SHR_S: u32 = 0x87;
export const I64_SHR_U: u32 = 0x88;
export const I32_WRAP_I64: u32 = 0xa7;
export const I64_EXTEND_I32_S: u32 = 0xac;
export const I64_EXTEND_I32_U: u32 = 0xad;
export const I64_EXTEND32_S: u32 = 0xc4;

// Threads proposal: 0xfe prefix.
export const ATOMIC_PREFIX: u32 = 0xfe;
export const ATOMIC_FENCE: u32 = 0x03;
export const I32_ATOMIC_LOAD: u32 = 0x10;

// Shorthands for the common shapes.
export function op(code: u32): void { byte(code); }
export function get(local: u32): void { byte(LOCAL_GET); u32leb(local); }
export function set(local: u32): void { byte(LOCAL_SET); u32leb(local); }
export function tee(local: u32): void { byte(LOCAL_TEE); u32leb(local); }
export function i32c(v: i32): void { byte(I32_CONST); i32leb(v); }
export function i64c(v: i64): void { byte(I64_CONST); i64leb(v); }
/** A load or store with its memarg; `align` is log2 of the natural size. */
export function mem(code: u32, align: u32, offset: u32): void { byte(code); u32leb(align); u32leb(offset); }
export function br(depth: u32): void { byte(BR); u32leb(depth); }
export function brIf(depth: u32): void { byte(BR_IF); u32leb(depth); }
