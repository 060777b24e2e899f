// The device tree the host hands the guest in a1 at reset, built from the
// real configuration, laid out like the one QEMU 7.2 builds for `virt` so that
// one kernel reads either: /cpus (one cpu@N with its local interrupt
// controller per hart), /memory, /soc (CLINT, PLIC, UARTs, virtio-mmio, the
// sifive_test finisher, and our pgroup telemetry device, which QEMU's tree
// lacks), /poweroff and /reboot over the finisher, /chosen.
//
// Shared state: none; the main thread builds it once and copies it to RAM.
import { FdtWriter } from './fdt-writer.js';
import { uartBase, uartIrq } from './uart-state.js';
import { finisher, guest } from '../platform.js';

export interface FdtConfig {
  nharts: number;
  ramBytes: number;
  /** Whether a virtio block device is attached. */
  disk: boolean;
  /** UARTs present: UART0 .. UART(nuarts-1). */
  nuarts: number;
  bootargs?: string;
}

// What the core implements (assembly/): the base, M, A and C, the CSR and
// fence.i instructions, and Sstc's stimecmp. Both ISA properties come from
// this one list, single letters first as the ISA string orders them.
export const ISA_EXTENSIONS = ['i', 'm', 'a', 'c', 'zicsr', 'zifencei', 'sstc'];
export const ISA = 'rv64' + ISA_EXTENSIONS.filter((e) => e.length === 1).join('')
  + ISA_EXTENSIONS.filter((e) => e.length > 1).map((e) => '_' + e).join('');
// The 16550's input clock as QEMU declares it (1.8432 MHz x 2); only baud
// divisor arithmetic in drivers uses it.
const UART_CLOCK_HZ = 3686400;
// Interrupt causes on the harts' local controllers (privileged spec, mip).
const IRQ_M_SOFT = 3;
const IRQ_M_TIMER = 7;
const IRQ_S_EXT = 9;
const IRQ_M_EXT = 11;

const hex = (x: number): string => x.toString(16);
const hi32 = (x: number): number => Math.floor(x / 2 ** 32);
const lo32 = (x: number): number => x % 2 ** 32;
/** A reg value with two address cells and two size cells. */
const reg = (base: number, size: number): number[] => [hi32(base), lo32(base), hi32(size), lo32(size)];

export function buildFdt(config: FdtConfig): Uint8Array {
  const { nharts, ramBytes, disk, nuarts } = config;
  if (nharts < 1 || nharts > guest.MAX_HARTS) throw new Error(`nharts ${nharts} outside 1..${guest.MAX_HARTS}`);
  if (nuarts < 1 || nuarts > guest.NUART) throw new Error(`nuarts ${nuarts} outside 1..${guest.NUART}`);
  // phandles: one local interrupt controller per hart, then the PLIC and the finisher.
  const intc = (h: number): number => 1 + h;
  const plicPhandle = 1 + nharts;
  const testPhandle = 2 + nharts;
  const uart0Path = `/soc/serial@${hex(uartBase(0))}`;

  const w = new FdtWriter();
  w.beginNode('')
    .cells('#address-cells', 2).cells('#size-cells', 2)
    .strs('compatible', 'xv6-wasm,virt', 'riscv-virtio')
    .strs('model', 'xv6-wasm virt');

  w.beginNode('chosen').strs('stdout-path', uart0Path);
  if (config.bootargs !== undefined) w.strs('bootargs', config.bootargs);
  w.endNode();

  w.beginNode(`memory@${hex(guest.RAM_BASE)}`)
    .strs('device_type', 'memory')
    .cells('reg', ...reg(guest.RAM_BASE, ramBytes))
    .endNode();

  w.beginNode('cpus').cells('#address-cells', 1).cells('#size-cells', 0).cells('timebase-frequency', guest.TIMEBASE_HZ);
  for (let h = 0; h < nharts; h++) {
    w.beginNode(`cpu@${h}`)
      .strs('device_type', 'cpu').cells('reg', h).strs('status', 'okay').strs('compatible', 'riscv')
      .strs('riscv,isa', ISA).strs('riscv,isa-base', 'rv64i').strs('riscv,isa-extensions', ...ISA_EXTENSIONS)
      .strs('mmu-type', 'riscv,sv39');
    w.beginNode('interrupt-controller')
      .cells('#interrupt-cells', 1).cells('#address-cells', 0).flag('interrupt-controller')
      .strs('compatible', 'riscv,cpu-intc')
      .cells('phandle', intc(h))
      .endNode();
    w.endNode();
  }
  w.endNode();

  w.beginNode('soc').cells('#address-cells', 2).cells('#size-cells', 2).strs('compatible', 'simple-bus').flag('ranges');

  w.beginNode(`test@${hex(guest.FINISHER_BASE)}`)
    .strs('compatible', 'sifive,test1', 'sifive,test0', 'syscon')
    .cells('reg', ...reg(guest.FINISHER_BASE, guest.FINISHER_SIZE)).cells('phandle', testPhandle)
    .endNode();

  const clintIrqs: number[] = [];
  const plicIrqs: number[] = [];
  for (let h = 0; h < nharts; h++) {
    clintIrqs.push(intc(h), IRQ_M_SOFT, intc(h), IRQ_M_TIMER);
    plicIrqs.push(intc(h), IRQ_M_EXT, intc(h), IRQ_S_EXT); // contexts 2h (M), 2h+1 (S)
  }
  w.beginNode(`clint@${hex(guest.CLINT_BASE)}`)
    .strs('compatible', 'sifive,clint0', 'riscv,clint0')
    .cells('reg', ...reg(guest.CLINT_BASE, guest.CLINT_SIZE))
    .cells('interrupts-extended', ...clintIrqs)
    .endNode();

  w.beginNode(`plic@${hex(guest.PLIC_BASE)}`)
    .strs('compatible', 'sifive,plic-1.0.0', 'riscv,plic0')
    .cells('reg', ...reg(guest.PLIC_BASE, guest.PLIC_SIZE))
    .cells('riscv,ndev', guest.PLIC_NDEV)
    .cells('interrupts-extended', ...plicIrqs)
    .flag('interrupt-controller').cells('#interrupt-cells', 1).cells('#address-cells', 0)
    .cells('phandle', plicPhandle)
    .endNode();

  const serial = (n: number): void => {
    w.beginNode(`serial@${hex(uartBase(n))}`)
      .strs('compatible', 'ns16550a')
      .cells('reg', ...reg(uartBase(n), guest.UART_SIZE))
      .cells('clock-frequency', UART_CLOCK_HZ)
      .cells('interrupts', uartIrq(n)).cells('interrupt-parent', plicPhandle)
      .endNode();
  };
  // In address order: UART0, the virtio slot right after it, then UART1..
  serial(0);
  if (disk) {
    w.beginNode(`virtio_mmio@${hex(guest.VIRTIO0_BASE)}`)
      .strs('compatible', 'virtio,mmio')
      .cells('reg', ...reg(guest.VIRTIO0_BASE, guest.VIRTIO0_SIZE))
      .cells('interrupts', guest.VIRTIO0_IRQ).cells('interrupt-parent', plicPhandle)
      .endNode();
  }
  for (let n = 1; n < nuarts; n++) serial(n);
  w.beginNode(`telemetry@${hex(guest.TELEM_BASE)}`)
    .strs('compatible', 'xv6-wasm,pgroup-telemetry')
    .cells('reg', ...reg(guest.TELEM_BASE, guest.TELEM_SIZE))
    .endNode();
  w.endNode(); // soc

  for (const [name, compatible, value] of [
    ['poweroff', 'syscon-poweroff', finisher.FINISHER_PASS],
    ['reboot', 'syscon-reboot', finisher.FINISHER_RESET],
  ] as const) {
    w.beginNode(name).strs('compatible', compatible)
      .cells('regmap', testPhandle).cells('offset', 0).cells('value', value)
      .endNode();
  }

  w.endNode(); // root
  return w.finish();
}

const MiB = 1 << 20;
const FDT_ALIGN = 2 * MiB;
// QEMU 7.2 (hw/riscv/boot.c, riscv_load_fdt) keeps the tree below 3 GiB so
// that 32-bit code can reach it; with RAM at 2 GiB that matters from 1 GiB of
// RAM up.
const FDT_LIMIT = 3072 * MiB;

/** Guest physical address for a tree of `fdtBytes` bytes: the highest 2 MiB-
 *  aligned address where it fits below the end of RAM (and below 3 GiB), as
 *  QEMU 7.2 chooses it. */
export function fdtAddress(ramBytes: number, fdtBytes: number): number {
  const end = guest.RAM_BASE + ramBytes;
  const top = guest.RAM_BASE < FDT_LIMIT ? Math.min(end, FDT_LIMIT) : end;
  const addr = Math.floor((top - fdtBytes) / FDT_ALIGN) * FDT_ALIGN;
  if (addr < guest.RAM_BASE) throw new Error(`a ${fdtBytes}-byte device tree does not fit in ${ramBytes} bytes of RAM`);
  return addr;
}
