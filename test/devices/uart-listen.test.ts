// Input given before the guest listens waits in the host: a driver resets
// the receive FIFO while it sets the UART up, and a byte already there would
// be lost (piped input used to lose its first byte that way). Every UART,
// so the pgroups' consoles too.
import { describe, expect, it } from 'vitest';
import { Plic } from '../../host/devices/plic.js';
import { UartConsole } from '../../host/devices/uart-console.js';
import { UartState } from '../../host/devices/uart-state.js';
import { Uart16550 } from '../../host/devices/uart16550.js';
import { control, guest, wasm } from '../../host/platform.js';
import { ctlEvent, makeMemory, setWord } from './shared-memory.js';

const RBR = 0, IER = 1, FCR = 2, LCR = 3, LSR = 5;
const LSR_DR = 0x01;
const IER_RX = 0x01, IER_TX = 0x02;
const FCR_ON_AND_CLEAR = 0x07;

function setup(index: number) {
  const memory = makeMemory();
  const plic = new Plic(memory, 1);
  plic.reset();
  new UartState(memory, index, plic).reset();
  return { memory, uart: new Uart16550(memory, index, plic), console: new UartConsole(memory, index, plic) };
}

const bytes = (s: string) => new TextEncoder().encode(s);
const clearEvent = (memory: WebAssembly.Memory) => setWord(memory, wasm.CONTROL_BASE + control.CTL_EVENT, 0);

/** Everything the FIFO holds, as a driver reads it. */
function drain(uart: Uart16550): string {
  let got = '';
  while (uart.read(LSR, 1) & LSR_DR) got += String.fromCharCode(uart.read(RBR, 1));
  return got;
}

/** Our kernel's uartinit: interrupts off, 8N1, FIFOs on and reset, interrupts on. */
function kernelSetup(uart: Uart16550): void {
  uart.write(IER, 1, 0);
  uart.write(LCR, 1, 0x03);
  uart.write(FCR, 1, FCR_ON_AND_CLEAR);
  uart.write(IER, 1, IER_RX | IER_TX);
}

describe('UART input before the guest listens', () => {
  for (let n = 0; n < guest.NUART; n++) {
    it(`UART${n}: takes nothing until the driver turns the receive interrupt on, then all of it`, () => {
      const { memory, uart, console } = setup(n);
      expect(console.pushRx(bytes('echo one'))).toBe(0);
      clearEvent(memory);
      kernelSetup(uart);
      expect(ctlEvent(memory)).toBe(1); // the host is told to offer it again
      expect(console.pushRx(bytes('echo one'))).toBe(8);
      expect(drain(uart)).toBe('echo one');
    });
  }

  it('counts a driver polling LSR as listening (bare-metal programs never enable interrupts)', () => {
    const { uart, console } = setup(0);
    expect(console.pushRx(bytes('ab'))).toBe(0);
    expect(uart.read(LSR, 1) & LSR_DR).toBe(0);
    expect(console.pushRx(bytes('ab'))).toBe(1); // FIFO off: the holding register
    expect(drain(uart)).toBe('a');
  });

  it('stops taking input at a receive-FIFO reset until the guest listens again', () => {
    const { uart, console } = setup(1);
    kernelSetup(uart);
    expect(console.pushRx(bytes('xy'))).toBe(2);
    uart.write(FCR, 1, FCR_ON_AND_CLEAR); // the guest's own reset: what was in the FIFO goes
    expect(console.pushRx(bytes('z'))).toBe(0);
    uart.write(IER, 1, IER_RX | IER_TX);
    expect(console.pushRx(bytes('z'))).toBe(1);
    expect(drain(uart)).toBe('z');
  });

  it('keeps listening while the driver turns the receive interrupt off: input waits in the FIFO', () => {
    const { uart, console } = setup(2);
    kernelSetup(uart);
    uart.write(IER, 1, IER_TX); // a console whose line buffer is full
    expect(console.pushRx(bytes('abc'))).toBe(3);
    expect(drain(uart)).toBe('abc');
  });
});
