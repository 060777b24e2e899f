// Consoles: line editing and cooked input over the UARTs, one console per
// UART unit. The file system reaches them as device major CONSOLE. Input
// is collected into lines (backspace, ^U kill line, ^D end of file, ^P
// process list) and a reader gets whole lines.
//
// No input byte is ever dropped. While a console's line buffer is full, its
// UART's receive interrupt is off and input waits in the UART (and behind
// it, in whatever feeds the UART); a reader that makes room turns it back
// on. A line longer than the buffer reaches the reader in buffer-sized
// pieces, as in xv6, so a full buffer always has a reader to drain it.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "file.h"
#include "proc.h"
#include "defs.h"

#define BACKSPACE 0x100   // consputc: erase the previous character
#define C(x)  ((x) - '@') // control-x

// As big as Linux's n_tty buffer: a pasted script of many lines fits while
// the shell is still busy with the first. A power of two (indices wrap).
#define INPUT_BUF 4096
// A stopped receiver restarts once this much is free, not at every byte
// read, so a reader taking one byte at a time does not toggle it per byte.
#define RESTART_ROOM (INPUT_BUF / 4)

struct console {
  struct spinlock lock;
  char buf[INPUT_BUF];
  uint r;   // next byte a reader takes
  uint w;   // end of the completed lines
  uint e;   // end of the line being edited
  int stopped;  // the UART's receive interrupt is off: the buffer filled
  struct sleeplock wlock;  // one write() at a time: lines of two writers never mix
};

static struct console consoles[NUART];

static uint
room(struct console *cons)
{
  return INPUT_BUF - (cons->e - cons->r);
}

// A reader made room: a stopped receiver takes input again.
static void
restart(struct console *cons, int unit)
{
  if(cons->stopped && room(cons) >= RESTART_ROOM){
    cons->stopped = 0;
    uartrx(unit, 1);
  }
}

// The UART an open console file talks to: its minor number, when the
// machine has that UART (on QEMU, with one UART, every group shares UART0).
static int
console_unit(int minor)
{
  return minor >= 0 && minor < machine.nuart ? minor : 0;
}

// May p open the console with this minor? Root may open any; a pgroup's
// processes only the UART their group's console is on.
int
console_allowed(struct proc *p, int minor)
{
  return p->pgroup == 0 || console_unit(minor) == pg_console(p->pgroup);
}

// Output from the kernel (printf, echo): synchronous, usable anywhere.
void
consputc(int unit, int c)
{
  if(c == BACKSPACE){
    uartputc_sync(unit, '\b');
    uartputc_sync(unit, ' ');
    uartputc_sync(unit, '\b');
  } else {
    uartputc_sync(unit, c);
  }
}

// write() to the console: from user (user_src) or kernel memory.
static int
consolewrite(int minor, int user_src, uint64 src, int n)
{
  int unit = console_unit(minor);
  char buf[64];
  int i = 0;
  acquiresleep(&consoles[unit].wlock);
  while(i < n){
    int m = n - i < (int)sizeof(buf) ? n - i : (int)sizeof(buf);
    if(either_copyin(buf, user_src, src + i, m) < 0)
      break;
    for(int j = 0; j < m; j++)
      uartputc(unit, buf[j]);
    i += m;
  }
  releasesleep(&consoles[unit].wlock);
  return i;
}

// read() from the console: at most one line, at most n bytes. Returns 0 at
// end of file (^D at the start of a line), -1 if the reader is killed.
static int
consoleread(int minor, int user_dst, uint64 dst, int n)
{
  struct proc *p = myproc();
  int unit = console_unit(minor);
  struct console *cons = &consoles[unit];
  int target = n;

  acquire(&cons->lock);
  while(n > 0){
    while(cons->r == cons->w){
      // Before waiting for more: a reader that took a whole buffer-sized
      // piece of a long line and wants the rest has made room for it.
      restart(cons, unit);
      if(killed(p)){
        release(&cons->lock);
        return -1;
      }
      sleep(&cons->r, &cons->lock);
    }
    int c = cons->buf[cons->r++ % INPUT_BUF];
    if(c == C('D')){
      // End of file. If some bytes came first, leave the ^D for the next
      // read so that it returns 0.
      if(n < target)
        cons->r--;
      break;
    }
    char cbuf = c;
    if(either_copyout(user_dst, dst, &cbuf, 1) == -1)
      break;
    dst++;
    n--;
    if(c == '\n')
      break;
  }
  restart(cons, unit);
  release(&cons->lock);
  return target - n;
}

// One input byte: edit the line, echo, and wake readers when a line is
// complete (or the buffer is full). Caller holds cons->lock and has made
// sure there is room.
static void
consoleinput(struct console *cons, int unit, int c)
{
  switch(c){
  case C('P'):
    procdump();
    break;
  case C('U'):
    while(cons->e != cons->w && cons->buf[(cons->e - 1) % INPUT_BUF] != '\n'){
      cons->e--;
      consputc(unit, BACKSPACE);
    }
    break;
  case C('H'):
  case '\x7f':
    if(cons->e != cons->w){
      cons->e--;
      consputc(unit, BACKSPACE);
    }
    break;
  default:
    if(c != 0){
      c = (c == '\r') ? '\n' : c;
      consputc(unit, c);
      cons->buf[cons->e++ % INPUT_BUF] = c;
      if(c == '\n' || c == C('D') || room(cons) == 0){
        cons->w = cons->e;
        wakeup(&cons->r);
      }
    }
    break;
  }
}

// UART unit has input: take it while the line buffer has room. Once the
// buffer is full, stop the receiver rather than drop what it holds. A
// stopped console takes nothing (another interrupt of the unit, for output,
// may still call here): until a reader restarts it the buffer holds only
// completed lines, so a reader can always drain it.
void
consoleintr(int unit)
{
  struct console *cons = &consoles[unit];
  int c;
  acquire(&cons->lock);
  while(!cons->stopped && room(cons) > 0 && (c = uartgetc(unit)) >= 0)
    consoleinput(cons, unit, c);
  if(room(cons) == 0 && !cons->stopped){
    cons->stopped = 1;
    uartrx(unit, 0);
  }
  release(&cons->lock);
}

void
consoleinit(void)
{
  for(int i = 0; i < NUART; i++){
    initlock(&consoles[i].lock, "cons");
    initsleeplock(&consoles[i].wlock, "conswrite");
  }
  uartinit();
  devsw[CONSOLE].read = consoleread;
  devsw[CONSOLE].write = consolewrite;
}
