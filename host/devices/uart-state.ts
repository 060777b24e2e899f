// The state of one 16550 UART in shared memory, and the operations that both
// sides of it use: the guest's registers (uart16550.ts, in every hart's
// thread) and the host's console end (uart-console.ts, main thread).
//
// Shared state: one block of UART_STATE_STRIDE bytes per UART at
// UART_STATE_BASE + n * UART_STATE_STRIDE. Every read-modify-write of the
// block, including the ring indices and the interrupt line it drives, happens
// under the block's SharedLock word, so the guest's register accesses and the
// host's pushRx/takeTx never see each other half done, and the PLIC line
// always ends up matching the last state (no lost or stale interrupt). The
// one wait (a THR write into a full ring) sleeps with the lock released, on
// the TxTail word that takeTx notifies.
import { signalEvent } from './signals.js';
import { SharedLock } from './shared-lock.js';
import { Plic } from './plic.js';
import { control, guest, wasm } from '../platform.js';

//  One UART's block (byte offsets)
//  ┌──────────────────────────────┬──────────────────────────┬──────────────────────┐
//  │ 0x000 registers (words below)│ 0x100 TX ring, 4096 bytes│ 0x1100 RX FIFO, 16   │
//  └──────────────────────────────┴──────────────────────────┴──────────────────────┘
// Rings use free-running u32 head (producer) / tail (consumer) counters.
export const enum Word {
  Lock = 0, Ier, Lcr, Mcr, Scr, Dll, Dlm, Fcr,
  /** THR-empty interrupt latched: set when the THR empties, cleared by a
   *  THR write or by reading IIR while it reports THRE (16550 datasheet). */
  ThrIpending,
  TxHead, TxTail, RxHead, RxTail,
  /** The host had more input than fit: signal it when room appears. */
  RxWanted,
  /** The guest listens for input: it turned the receive interrupt on, or
   *  polled LSR, since power-on or its last receive-FIFO reset. */
  RxOpen,
}
const TX_RING = 0x100;
export const TX_SIZE = 4096;
const RX_RING = 0x1100;
// The receive FIFO is a 16550's 16 bytes, not more: the host keeps the rest
// and feeds it as the guest reads, so a paste arrives at the pace the guest
// takes it, and a guest that stops reading (its receive interrupt off) holds
// the sender back instead of losing input. QEMU does the same.
export const RX_SIZE = 16;
// The main thread drains within a wake-up (well under a millisecond), so a
// full ring that stays full this long means nobody is draining.
const TX_STALL_MS = 500;
// How often a waiting writer looks whether the machine is stopping.
const TX_STALL_SLICE_MS = 10;
const POWER_INDEX = (wasm.CONTROL_BASE + control.CTL_POWER) >>> 2;

export const IER_RDI = 0x01;
export const IER_THRI = 0x02;
export const IIR_NONE = 0x01;
export const IIR_THRI = 0x02;
export const IIR_RDI = 0x04;
export const IIR_FIFO = 0xc0;
export const FCR_FIFO_ENABLE = 0x01;
export const FCR_CLEAR_RX = 0x02;
export const MCR_LOOP = 0x10;
export const LSR_DR = 0x01;
export const LSR_THRE = 0x20;
export const LSR_TEMT = 0x40;

/** Guest physical base and IRQ of UART n (0 = UART0, as on QEMU virt). */
export function uartBase(n: number): number {
  return n === 0 ? guest.UART0_BASE : guest.UARTX_BASE + (n - 1) * guest.UARTX_STRIDE;
}
export function uartIrq(n: number): number {
  return n === 0 ? guest.UART0_IRQ : guest.UARTX_IRQ + n - 1;
}

export class UartState {
  readonly irq: number;
  readonly lock: SharedLock;
  private readonly words: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly w0: number;
  private readonly b0: number;

  constructor(memory: WebAssembly.Memory, readonly index: number, private readonly plic: Plic) {
    if (index < 0 || index >= guest.NUART) throw new Error(`no UART ${index}: NUART is ${guest.NUART}`);
    this.words = new Int32Array(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
    this.b0 = wasm.UART_STATE_BASE + index * wasm.UART_STATE_STRIDE;
    this.w0 = this.b0 >>> 2;
    this.irq = uartIrq(index);
    this.lock = new SharedLock(this.words, this.w0 + Word.Lock);
  }

  /** Power-on state; before any hart runs. */
  reset(): void {
    this.words.fill(0, this.w0, this.w0 + TX_RING / 4);
    this.plic.lower(this.irq);
  }

  get(w: Word): number { return Atomics.load(this.words, this.w0 + w); }
  set(w: Word, v: number): void { Atomics.store(this.words, this.w0 + w, v); }

  txCount(): number { return (this.get(Word.TxHead) - this.get(Word.TxTail)) >>> 0; }
  rxCount(): number { return (this.get(Word.RxHead) - this.get(Word.RxTail)) >>> 0; }
  txFull(): boolean { return this.txCount() >= TX_SIZE; }
  loopback(): boolean { return (this.get(Word.Mcr) & MCR_LOOP) !== 0; }

  /** How many more bytes the receiver holds: the FIFO with the FIFO on, one
   *  holding register with it off. */
  rxSpace(): number {
    const limit = (this.get(Word.Fcr) & FCR_FIFO_ENABLE) !== 0 ? RX_SIZE : 1;
    return Math.max(0, limit - this.rxCount());
  }

  /** How many more bytes the host may give. None until the guest listens: a
   *  driver resets the FIFOs while it sets the UART up, and input given
   *  before that would be lost (as in QEMU, whose chardev feeds the UART from
   *  the first instruction). So input piped in waits in the host until the
   *  guest is ready for it, from the first byte. */
  rxRoom(): number {
    return this.get(Word.RxOpen) !== 0 ? this.rxSpace() : 0;
  }

  /** The guest shows it is ready for input; tell the host if it waits. */
  openRx(): void {
    if (this.get(Word.RxOpen) !== 0) return;
    this.set(Word.RxOpen, 1);
    this.offerRoom();
  }

  /** Append to the TX ring (caller checked txFull). Wakes the main thread
   *  when the ring stops being empty. */
  pushTx(byte: number): void {
    const head = this.get(Word.TxHead);
    this.bytes[this.b0 + TX_RING + (head & (TX_SIZE - 1))] = byte;
    this.set(Word.TxHead, (head + 1) | 0);
    if (head === this.get(Word.TxTail)) signalEvent(this.words);
  }

  /** Take everything in the TX ring; wakes a hart waiting for room. */
  drainTx(): Uint8Array {
    const tail = this.get(Word.TxTail);
    const n = this.txCount();
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.bytes[this.b0 + TX_RING + ((tail + i) & (TX_SIZE - 1))];
    this.set(Word.TxTail, (tail + n) | 0);
    if (n > 0) Atomics.notify(this.words, this.w0 + Word.TxTail);
    return out;
  }

  /** For a guest that writes THR although LSR says it is full (or two harts
   *  that both saw room for the last byte): wait, with the lock released,
   *  until the host drains the ring, the machine stops, or TX_STALL_MS pass.
   *  Caller holds the lock and has it again on return. */
  waitForTxRoom(): void {
    const deadline = performance.now() + TX_STALL_MS;
    while (this.txFull() && Atomics.load(this.words, POWER_INDEX) === 0) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      const tail = this.get(Word.TxTail);
      this.lock.release();
      Atomics.wait(this.words, this.w0 + Word.TxTail, tail, Math.min(left, TX_STALL_SLICE_MS));
      this.lock.acquire();
    }
  }

  pushRx(byte: number): void {
    const head = this.get(Word.RxHead);
    this.bytes[this.b0 + RX_RING + (head & (RX_SIZE - 1))] = byte;
    this.set(Word.RxHead, (head + 1) | 0);
  }

  /** Next received byte, or 0 when there is none (a 16550 then returns
   *  whatever the RBR last held; nothing relies on it). */
  popRx(): number {
    if (this.rxCount() === 0) return 0;
    const tail = this.get(Word.RxTail);
    const byte = this.bytes[this.b0 + RX_RING + (tail & (RX_SIZE - 1))];
    this.set(Word.RxTail, (tail + 1) | 0);
    this.offerRoom();
    return byte;
  }

  /** Tell the host there is room again if it is holding input back. */
  offerRoom(): void {
    if (this.get(Word.RxWanted) !== 0 && this.rxRoom() > 0) {
      this.set(Word.RxWanted, 0);
      signalEvent(this.words);
    }
  }

  /** A receive-FIFO reset: what it held is gone, and what the host still
   *  holds waits until the guest is listening again. */
  clearRx(): void {
    this.set(Word.RxTail, this.get(Word.RxHead));
    this.set(Word.RxOpen, 0);
  }

  /** Line status as the guest sees it. The host drains TX as fast as it can,
   *  so "transmitter empty" (TEMT) is reported together with THRE: a driver
   *  that waits for TEMT after each line does not wait for the host. */
  lsr(): number {
    let lsr = 0;
    if (this.rxCount() !== 0) lsr |= LSR_DR;
    if (this.loopback() || !this.txFull()) lsr |= LSR_THRE | LSR_TEMT;
    return lsr;
  }

  /** The interrupt identification, highest-priority cause first. No line
   *  status or modem status interrupt can happen here: input never overruns
   *  (the host keeps what does not fit) and the modem lines never change. */
  iir(): number {
    const ier = this.get(Word.Ier);
    const fifo = (this.get(Word.Fcr) & FCR_FIFO_ENABLE) !== 0 ? IIR_FIFO : 0;
    if ((ier & IER_RDI) !== 0 && this.rxCount() !== 0) return IIR_RDI | fifo;
    if ((ier & IER_THRI) !== 0 && this.get(Word.ThrIpending) !== 0) return IIR_THRI | fifo;
    return IIR_NONE | fifo;
  }

  /** Make the PLIC line match the state. Caller holds the lock. */
  updateIrq(): void {
    if ((this.iir() & IIR_NONE) === 0) this.plic.raise(this.irq);
    else this.plic.lower(this.irq);
  }
}
