// 16550a UARTs, as many as the FDT lists (unit 0 is UART0, the root
// console). Output goes through a small ring per unit, drained by the
// transmit-ready interrupt; input bytes go to the console layer.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

// Registers (byte offsets); the same offset means different registers
// for reads and writes, or with LCR's divisor-latch bit set.
#define RHR 0          // receive holding (read)
#define THR 0          // transmit holding (write)
#define DLL 0          // divisor latch, low (with LCR_DLAB)
#define IER 1          // interrupt enable
#define DLM 1          // divisor latch, high (with LCR_DLAB)
#define FCR 2          // FIFO control (write)
#define IIR 2          // interrupt identification (read)
#define LCR 3          // line control
#define LSR 5          // line status

#define IER_RX       0x01
#define IER_TX       0x02
#define FCR_ENABLE   0x01
#define FCR_CLEAR    0x06   // reset both FIFOs
#define LCR_8N1      0x03
#define LCR_DLAB     0x80
#define LSR_RX_READY 0x01
#define LSR_TX_IDLE  0x20   // THR can take a byte

#define TXBUF 32

struct uart {
  struct spinlock lock;
  volatile uchar *regs;
  char buf[TXBUF];
  uint64 w;        // next slot to fill, buf[w % TXBUF]
  uint64 r;        // next byte to send
};

static struct uart uarts[NUART];

static inline uchar
rd(struct uart *u, int reg)
{
  return u->regs[reg];
}

static inline void
wr(struct uart *u, int reg, uchar v)
{
  u->regs[reg] = v;
}

void
uartinit(void)
{
  for(int i = 0; i < machine.nuart; i++){
    struct uart *u = &uarts[i];
    initlock(&u->lock, "uart");
    u->regs = (volatile uchar *)machine.uart[i].base;
    wr(u, IER, 0);
    wr(u, LCR, LCR_DLAB);
    wr(u, DLL, 3);         // 38.4K baud: irrelevant to emulators, set for real 16550s
    wr(u, DLM, 0);
    wr(u, LCR, LCR_8N1);
    wr(u, FCR, FCR_ENABLE | FCR_CLEAR);
    wr(u, IER, IER_RX | IER_TX);
  }
}

// Which unit raises this PLIC source, or -1.
int
uart_unit_of_irq(int irq)
{
  for(int i = 0; i < machine.nuart; i++)
    if(machine.uart[i].irq == irq)
      return i;
  return -1;
}

// Send what the ring holds while the transmitter takes it. Caller holds
// u->lock; called from both top and bottom halves.
static void
uartstart(struct uart *u)
{
  while(u->w != u->r && (rd(u, LSR) & LSR_TX_IDLE)){
    wr(u, THR, u->buf[u->r % TXBUF]);
    u->r++;
    wakeup(&u->r);   // room for a waiting uartputc()
  }
}

// Queue a byte for output, sleeping while the ring is full. Not for
// interrupt handlers.
void
uartputc(int unit, int c)
{
  struct uart *u = &uarts[unit];
  acquire(&u->lock);
  while(u->w == u->r + TXBUF)
    sleep(&u->r, &u->lock);
  u->buf[u->w % TXBUF] = c;
  u->w++;
  uartstart(u);
  release(&u->lock);
}

// Send a byte now, spinning on the transmitter: kernel printf and echo,
// which must work with interrupts off and during a panic.
void
uartputc_sync(int unit, int c)
{
  struct uart *u = &uarts[unit];
  push_off();
  while((rd(u, LSR) & LSR_TX_IDLE) == 0)
    ;
  wr(u, THR, c);
  pop_off();
}

// The next received byte, or -1 if none is waiting.
int
uartgetc(int unit)
{
  struct uart *u = &uarts[unit];
  if(rd(u, LSR) & LSR_RX_READY)
    return rd(u, RHR);
  return -1;
}

// Receive interrupt on or off. Off, input stays in the UART's FIFO and the
// sender waits; on again, the interrupt comes at once if input is waiting.
// The console calls this under its lock, which orders the two.
void
uartrx(int unit, int on)
{
  wr(&uarts[unit], IER, on ? IER_RX | IER_TX : IER_TX);
}

// Receive and transmit-ready interrupts of one unit.
void
uartintr(int unit)
{
  struct uart *u = &uarts[unit];
  // Reading IIR acknowledges a transmitter-empty interrupt; without it the
  // 16550 keeps that cause pending once output stops, and the hart spends
  // its time taking the same interrupt again and again.
  (void)rd(u, IIR);
  consoleintr(unit);
  acquire(&u->lock);
  uartstart(u);
  release(&u->lock);
}
