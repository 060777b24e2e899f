// NS16550A UART registers as the guest sees them: enough for xv6's driver and
// Linux's 8250 driver (RBR/THR, IER, IIR/FCR, LCR with the divisor latch,
// MCR with loopback, LSR, MSR, SCR; RX-data and THR-empty interrupts). One
// byte register per address (reg-shift 0), as on QEMU virt.
//
// Output is never dropped while the host drains: LSR shows THR busy while the
// TX ring is full, and a THR write that finds it full anyway (a driver that
// does not look, or two harts that both saw room for the last byte) waits in
// the writing hart's thread until the host makes room.
//
// Shared state: none in this object. Registers and rings are in the UART's
// block of UART_STATE, changed only under its lock (see uart-state.ts); every
// hart's thread has its own Uart16550 over the same block.
import { MmioDevice, WriteResult } from './device.js';
import { Plic } from './plic.js';
import {
  FCR_CLEAR_RX, FCR_FIFO_ENABLE, IER_RDI, IER_THRI, IIR_THRI, LSR_THRE, UartState, Word, uartBase,
} from './uart-state.js';
import { guest } from '../platform.js';

const RBR_THR_DLL = 0;
const IER_DLM = 1;
const IIR_FCR = 2;
const LCR = 3;
const MCR = 4;
const LSR = 5;
const MSR = 6;
const SCR = 7;

const LCR_DLAB = 0x80;
const MCR_BITS = 0x1f;
// Modem status with nothing but a cable: clear to send, data set ready, carrier.
const MSR_CTS = 0x10;
const MSR_DSR = 0x20;
const MSR_RI = 0x40;
const MSR_DCD = 0x80;

export class Uart16550 implements MmioDevice {
  readonly base: number;
  readonly size = guest.UART_SIZE;
  /** The PLIC source this UART drives. */
  readonly irq: number;
  private readonly s: UartState;

  constructor(memory: WebAssembly.Memory, index: number, plic: Plic) {
    this.s = new UartState(memory, index, plic);
    this.base = uartBase(index);
    this.irq = this.s.irq;
  }

  read(offset: number, _size: number): number {
    const s = this.s;
    s.lock.acquire();
    try {
      const dlab = (s.get(Word.Lcr) & LCR_DLAB) !== 0;
      switch (offset) {
        case RBR_THR_DLL: {
          if (dlab) return s.get(Word.Dll);
          const byte = s.popRx();
          s.updateIrq();
          return byte;
        }
        case IER_DLM: return dlab ? s.get(Word.Dlm) : s.get(Word.Ier);
        case IIR_FCR: {
          const iir = s.iir();
          // Reading IIR while it reports THR-empty acknowledges that cause.
          if ((iir & 0x0f) === IIR_THRI) {
            s.set(Word.ThrIpending, 0);
            s.updateIrq();
          }
          return iir;
        }
        case LCR: return s.get(Word.Lcr);
        case MCR: return s.get(Word.Mcr);
        case LSR:
          // Polling for input counts as listening (drivers that never
          // enable the receive interrupt).
          s.openRx();
          return s.lsr();
        case MSR: return this.msr();
        case SCR: return s.get(Word.Scr);
        default: return 0;
      }
    } finally {
      s.lock.release();
    }
  }

  // The interrupt line is re-evaluated (and, if a cause is set, raised again:
  // a new PLIC request) on the accesses where QEMU's 16550 does so: THR, IER
  // and FCR writes, RBR reads, IIR reads that acknowledge THRE, and input
  // arriving or output draining on the host side. LSR polling is not one of
  // them, so a driver spinning on LSR costs no PLIC traffic.
  write(offset: number, _size: number, value: number): WriteResult {
    const s = this.s;
    const v = value & 0xff;
    s.lock.acquire();
    try {
      const dlab = (s.get(Word.Lcr) & LCR_DLAB) !== 0;
      switch (offset) {
        case RBR_THR_DLL:
          if (dlab) { s.set(Word.Dll, v); break; }
          this.transmit(v);
          s.updateIrq();
          break;
        case IER_DLM: {
          if (dlab) { s.set(Word.Dlm, v); break; }
          // Turning the THRE interrupt on while the THR is empty raises it at
          // once (drivers rely on it to start transmission); turning it off
          // forgets it. QEMU resamples the same way.
          const ier = v & 0x0f;
          if (((ier ^ s.get(Word.Ier)) & IER_THRI) !== 0) {
            s.set(Word.ThrIpending, (ier & IER_THRI) !== 0 && (s.lsr() & LSR_THRE) !== 0 ? 1 : 0);
          }
          s.set(Word.Ier, ier);
          if ((ier & IER_RDI) !== 0) s.openRx();
          s.updateIrq();
          break;
        }
        case IIR_FCR:
          // Clearing the transmit FIFO is ignored: the bytes are already the
          // host's, and output is never dropped.
          if ((v & FCR_CLEAR_RX) !== 0) s.clearRx();
          s.set(Word.Fcr, v & (0xc0 | FCR_FIFO_ENABLE));
          // More room for input may be there now.
          s.offerRoom();
          s.updateIrq();
          break;
        case LCR: s.set(Word.Lcr, v); break;
        case MCR: s.set(Word.Mcr, v & MCR_BITS); break;
        case SCR: s.set(Word.Scr, v); break;
        default: break; // LSR and MSR are read-only
      }
    } finally {
      s.lock.release();
    }
    return WriteResult.Done;
  }

  private transmit(byte: number): void {
    const s = this.s;
    s.set(Word.ThrIpending, 0);
    if (s.loopback()) {
      if (s.rxSpace() > 0) s.pushRx(byte);
    } else {
      if (s.txFull()) s.waitForTxRoom();
      // Still full: nobody drains (the machine is stopping, or the host is
      // wedged); that byte is lost, as it would be on a real 16550.
      if (!s.txFull()) s.pushTx(byte);
    }
    if ((s.lsr() & LSR_THRE) !== 0) s.set(Word.ThrIpending, 1);
  }

  private msr(): number {
    if (!this.s.loopback()) return MSR_CTS | MSR_DSR | MSR_DCD;
    // Loopback wires the modem outputs back to the inputs (16550 datasheet):
    // RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD. Linux's probe checks this.
    const mcr = this.s.get(Word.Mcr);
    return ((mcr & 0x02) ? MSR_CTS : 0) | ((mcr & 0x01) ? MSR_DSR : 0)
      | ((mcr & 0x04) ? MSR_RI : 0) | ((mcr & 0x08) ? MSR_DCD : 0);
  }
}
