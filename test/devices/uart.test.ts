import { describe, expect, it } from 'vitest';
import { Plic } from '../../host/devices/plic.js';
import { UartConsole } from '../../host/devices/uart-console.js';
import { RX_SIZE, TX_SIZE, UartState } from '../../host/devices/uart-state.js';
import { Uart16550 } from '../../host/devices/uart16550.js';
import { control, guest, wasm } from '../../host/platform.js';
import { ctlEvent, extIp, makeMemory, SEIP, setWord } from './shared-memory.js';

const THR = 0, IER = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;
const LSR_DR = 0x01, LSR_THRE = 0x20;
const PLIC_PENDING = 0x1000;

function setup(index = 0) {
  const memory = makeMemory();
  const plic = new Plic(memory, 1);
  plic.reset();
  for (let n = 0; n < guest.NUART; n++) new UartState(memory, n, plic).reset();
  const uart = new Uart16550(memory, index, plic);
  const console = new UartConsole(memory, index, plic);
  const irqLine = () => (plic.read(PLIC_PENDING, 4) >>> uart.irq) & 1;
  return { memory, plic, uart, console, irqLine };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);
const putString = (uart: Uart16550, s: string) => { for (const c of bytes(s)) uart.write(THR, 1, c); };
const clearEvent = (memory: WebAssembly.Memory) => setWord(memory, wasm.CONTROL_BASE + control.CTL_EVENT, 0);

describe('UART 16550', () => {
  it('puts UART0 and UART1..7 where the platform table says, each with its own IRQ', () => {
    const { memory, plic } = setup();
    expect(new Uart16550(memory, 0, plic).base).toBe(guest.UART0_BASE);
    expect(new Uart16550(memory, 0, plic).irq).toBe(guest.UART0_IRQ);
    expect(new Uart16550(memory, 3, plic).base).toBe(guest.UARTX_BASE + 2 * guest.UARTX_STRIDE);
    expect(new Uart16550(memory, 3, plic).irq).toBe(guest.UARTX_IRQ + 2);
    expect(() => new Uart16550(memory, guest.NUART, plic)).toThrow();
  });

  it('keeps the scratch register and switches offsets 0/1 to the divisor latch with DLAB', () => {
    const { uart } = setup();
    uart.write(SCR, 1, 0x5a);
    expect(uart.read(SCR, 1)).toBe(0x5a);
    uart.write(IER, 1, 0x01);
    uart.write(LCR, 1, 0x80);
    uart.write(THR, 1, 0x03);
    uart.write(IER, 1, 0x00);
    expect(uart.read(THR, 1)).toBe(0x03);
    expect(uart.read(IER, 1)).toBe(0x00);
    uart.write(LCR, 1, 0x03);
    expect(uart.read(LCR, 1)).toBe(0x03);
    expect(uart.read(IER, 1)).toBe(0x01); // DLM writes did not touch IER
  });

  it('sends what the guest writes to the host, in order, and wakes the main thread once the ring has data', () => {
    const { memory, uart, console } = setup();
    clearEvent(memory);
    expect(uart.read(LSR, 1) & LSR_THRE).toBe(LSR_THRE);
    putString(uart, 'hello');
    expect(ctlEvent(memory)).toBe(1);
    expect(console.pendingTx()).toBe(5);
    expect(text(console.takeTx())).toBe('hello');
    expect(console.takeTx().length).toBe(0);
  });

  it('never drops output: a full ring reports THR busy until the host drains it, then raises THRE', () => {
    const { uart, console, irqLine } = setup();
    uart.write(IER, 1, 0x02);
    for (let i = 0; i < TX_SIZE; i++) uart.write(THR, 1, i & 0xff);
    expect(uart.read(LSR, 1) & LSR_THRE).toBe(0);
    expect(uart.read(IIR, 1) & 0x0f).toBe(0x01); // no THRE interrupt while full
    expect(irqLine()).toBe(0);
    const out = console.takeTx();
    expect(out.length).toBe(TX_SIZE);
    expect(out.every((b, i) => b === (i & 0xff))).toBe(true);
    expect(uart.read(LSR, 1) & LSR_THRE).toBe(LSR_THRE);
    expect(irqLine()).toBe(1);
    expect(uart.read(IIR, 1) & 0x0f).toBe(0x02);
  });

  it('holds input back until the FIFO is on, then takes it all and reports data ready', () => {
    const { memory, uart, console } = setup();
    uart.read(LSR, 1); // a driver polling for input: it listens
    clearEvent(memory);
    expect(console.pushRx(bytes('ab'))).toBe(1); // FIFO off: one holding register
    expect(uart.read(LSR, 1) & LSR_DR).toBe(LSR_DR);
    expect(uart.read(THR, 1)).toBe('a'.charCodeAt(0));
    expect(ctlEvent(memory)).toBe(1); // room again for what was held back
    uart.write(FCR, 1, 0x01);
    expect(console.pushRx(bytes('bcd'))).toBe(3);
    expect(String.fromCharCode(uart.read(THR, 1), uart.read(THR, 1), uart.read(THR, 1))).toBe('bcd');
    expect(uart.read(LSR, 1) & LSR_DR).toBe(0);
  });

  it('raises the RX interrupt through the PLIC while data is waiting and drops it once read', () => {
    const { plic, uart, console, irqLine } = setup();
    plic.write(4 * guest.UART0_IRQ, 4, 1);
    plic.write(0x2000 + 0x80, 4, 1 << guest.UART0_IRQ); // hart 0, S-mode
    uart.write(FCR, 1, 0x07);
    uart.write(IER, 1, 0x01);
    expect(uart.read(IIR, 1)).toBe(0xc1);
    console.pushRx(bytes('x'));
    expect(uart.read(IIR, 1)).toBe(0xc4);
    expect(irqLine()).toBe(1);
    expect(plic.read(0x200004 + 0x1000, 4)).toBe(guest.UART0_IRQ);
    expect(uart.read(THR, 1)).toBe('x'.charCodeAt(0));
    plic.write(0x200004 + 0x1000, 4, guest.UART0_IRQ);
    expect(uart.read(IIR, 1)).toBe(0xc1);
    expect(irqLine()).toBe(0);
  });

  it('raises THRE when enabled, clears it on an IIR read and raises it again after each byte', () => {
    const { uart, irqLine } = setup();
    uart.write(IER, 1, 0x02);
    expect(irqLine()).toBe(1);
    expect(uart.read(IIR, 1)).toBe(0x02);
    expect(uart.read(IIR, 1)).toBe(0x01);
    expect(irqLine()).toBe(0);
    uart.write(THR, 1, 0x41);
    expect(irqLine()).toBe(1);
  });

  it('interrupts once, not forever, for a THRE cause a handler leaves pending (stock xv6 never reads IIR)', () => {
    const { memory, plic, uart } = setup();
    plic.write(4 * guest.UART0_IRQ, 4, 1);
    plic.write(0x2000 + 0x80, 4, 1 << guest.UART0_IRQ);
    uart.write(IER, 1, 0x03);
    expect(extIp(memory, 0)).toBe(SEIP);
    expect(plic.read(0x200004 + 0x1000, 4)).toBe(guest.UART0_IRQ);
    expect(uart.read(LSR, 1) & LSR_DR).toBe(0); // the handler looks for input, finds none
    plic.write(0x200004 + 0x1000, 4, guest.UART0_IRQ);
    expect(extIp(memory, 0)).toBe(0);
    // The next byte written makes THR empty again: a new request.
    uart.write(THR, 1, 0x41);
    expect(extIp(memory, 0)).toBe(SEIP);
  });

  it('takes no more input than a 16550 FIFO holds and asks for the rest as the guest reads', () => {
    const { memory, uart, console } = setup();
    uart.write(FCR, 1, 0x01);
    uart.write(IER, 1, 0x01);
    const input = bytes('abcdefghijklmnopqrstuvwxyz');
    const first = console.pushRx(input);
    expect(first).toBe(RX_SIZE);
    clearEvent(memory);
    expect(uart.read(THR, 1)).toBe('a'.charCodeAt(0));
    expect(ctlEvent(memory)).toBe(1);
    expect(console.pushRx(input.subarray(first))).toBe(1);
    let got = 'a';
    while (uart.read(LSR, 1) & LSR_DR) got += String.fromCharCode(uart.read(THR, 1));
    expect(got).toBe('abcdefghijklmnopq');
  });

  it('empties the receive FIFO on FCR clear', () => {
    const { uart, console } = setup();
    uart.write(FCR, 1, 0x01);
    uart.read(LSR, 1);
    expect(console.pushRx(bytes('junk'))).toBe(4);
    uart.write(FCR, 1, 0x03);
    expect(uart.read(LSR, 1) & LSR_DR).toBe(0);
  });

  it('loops the transmitter back to the receiver and the modem outputs to the inputs in loopback', () => {
    const { uart, console } = setup();
    expect(uart.read(MSR, 1) & 0xf0).toBe(0xb0);
    uart.write(MCR, 1, 0x1a); // LOOP | OUT2 | RTS, as Linux's 8250 probe does
    expect(uart.read(MSR, 1) & 0xf0).toBe(0x90);
    uart.write(THR, 1, 0x55);
    expect(uart.read(THR, 1)).toBe(0x55);
    expect(console.takeTx().length).toBe(0);
  });

  it('keeps every UART separate', () => {
    const { memory, plic } = setup();
    const u0 = new Uart16550(memory, 0, plic);
    const u5 = new Uart16550(memory, 5, plic);
    putString(u5, 'five');
    putString(u0, 'zero');
    expect(text(new UartConsole(memory, 5, plic).takeTx())).toBe('five');
    expect(text(new UartConsole(memory, 0, plic).takeTx())).toBe('zero');
  });
});
