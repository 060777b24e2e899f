// The M extension's arithmetic. Division never reaches a wasm trap: the
// spec's results for division by zero and overflow are produced here.

/** High 64 bits of the unsigned 128-bit product, from 32-bit halves. */
@inline export function mulhu(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff, aHi = a >> 32;
  const bLo = b & 0xffffffff, bHi = b >> 32;
  const lolo = aLo * bLo;
  const hilo = aHi * bLo;
  const lohi = aLo * bHi;
  const hihi = aHi * bHi;
  const mid = (lolo >> 32) + (hilo & 0xffffffff) + (lohi & 0xffffffff);
  return hihi + (hilo >> 32) + (lohi >> 32) + (mid >> 32);
}

@inline export function mulh(a: u64, b: u64): u64 {
  let r = mulhu(a, b);
  if (<i64>a < 0) r -= b;
  if (<i64>b < 0) r -= a;
  return r;
}

@inline export function mulhsu(a: u64, b: u64): u64 {
  let r = mulhu(a, b);
  if (<i64>a < 0) r -= b;
  return r;
}

@inline export function div(a: u64, b: u64): u64 {
  if (b == 0) return <u64>-1;
  if (a == 0x8000000000000000 && b == <u64>-1) return a;
  return <u64>(<i64>a / <i64>b);
}

@inline export function divu(a: u64, b: u64): u64 {
  return b == 0 ? <u64>-1 : a / b;
}

@inline export function rem(a: u64, b: u64): u64 {
  if (b == 0) return a;
  if (a == 0x8000000000000000 && b == <u64>-1) return 0;
  return <u64>(<i64>a % <i64>b);
}

@inline export function remu(a: u64, b: u64): u64 {
  return b == 0 ? a : a % b;
}

@inline function sext(x: u32): u64 { return <u64><i64><i32>x; }

@inline export function divw(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return <u64>-1;
  if (x == i32.MIN_VALUE && y == -1) return sext(<u32>x);
  return sext(<u32>(x / y));
}

@inline export function divuw(a: u64, b: u64): u64 {
  const x = <u32>a, y = <u32>b;
  return y == 0 ? <u64>-1 : sext(x / y);
}

@inline export function remw(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return sext(<u32>x);
  if (x == i32.MIN_VALUE && y == -1) return 0;
  return sext(<u32>(x % y));
}

@inline export function remuw(a: u64, b: u64): u64 {
  const x = <u32>a, y = <u32>b;
  return y == 0 ? sext(x) : sext(x % y);
}
