// Kernel formatted output to the console, and panic.
#include <stdarg.h>
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "defs.h"

volatile int panicking = 0;  // a hart is printing a panic: others stay quiet
static struct {
  struct spinlock lock;      // keeps lines from different harts apart
  int locking;
} pr;

static const char digits[] = "0123456789abcdef";

// Where formatted bytes go: a unit, and how to send a byte to it.
struct sink {
  int unit;
  void (*putc)(int unit, int c);
};

static void
put(struct sink *k, int c)
{
  k->putc(k->unit, c);
}

static void
printint(struct sink *k, long long xx, int base, int sign)
{
  char buf[24];
  unsigned long long x;
  int i = 0;
  int neg = sign && xx < 0;

  x = neg ? -(unsigned long long)xx : (unsigned long long)xx;
  do {
    buf[i++] = digits[x % base];
    x /= base;
  } while(x != 0);
  if(neg)
    buf[i++] = '-';
  while(--i >= 0)
    put(k, buf[i]);
}

static void
printptr(struct sink *k, uint64 x)
{
  put(k, '0');
  put(k, 'x');
  for(int i = 0; i < (int)(sizeof(uint64) * 2); i++, x <<= 4)
    put(k, digits[x >> (sizeof(uint64) * 8 - 4)]);
}

// Understands %d %u %x %ld %lu %lx %p %s %c %%.
static void
vprint(struct sink *k, char *fmt, va_list ap)
{
  for(int i = 0; fmt[i]; i++){
    char c = fmt[i];
    if(c != '%'){
      put(k, c);
      continue;
    }
    c = fmt[++i];
    int islong = 0;
    if(c == 'l'){
      islong = 1;
      c = fmt[++i];
    }
    if(c == 0)
      break;
    switch(c){
    case 'd':
      printint(k, islong ? va_arg(ap, long) : va_arg(ap, int), 10, 1);
      break;
    case 'u':
      printint(k, islong ? va_arg(ap, uint64) : va_arg(ap, uint), 10, 0);
      break;
    case 'x':
      printint(k, islong ? va_arg(ap, uint64) : va_arg(ap, uint), 16, 0);
      break;
    case 'p':
      printptr(k, va_arg(ap, uint64));
      break;
    case 's': {
      char *s = va_arg(ap, char *);
      if(s == 0)
        s = "(null)";
      for(; *s; s++)
        put(k, *s);
      break;
    }
    case 'c':
      put(k, va_arg(ap, int));
      break;
    case '%':
      put(k, '%');
      break;
    default:
      put(k, '%');
      put(k, c);
      break;
    }
  }
}

// To UART0, synchronously: usable anywhere, even in a panic.
void
printf(char *fmt, ...)
{
  struct sink k = { 0, consputc };
  va_list ap;
  int locking = pr.locking;
  if(locking)
    acquire(&pr.lock);
  va_start(ap, fmt);
  vprint(&k, fmt, ap);
  va_end(ap);
  if(locking)
    release(&pr.lock);
}

// To a pgroup's console, from a process: through the UART's output ring,
// sleeping while it is full, so a console nobody reads never stalls a hart.
void
cprintf(int unit, char *fmt, ...)
{
  struct sink k = { unit, uartputc };
  va_list ap;
  va_start(ap, fmt);
  vprint(&k, fmt, ap);
  va_end(ap);
}

// Return addresses of the calls that led here, by following the frame
// pointers (-fno-omit-frame-pointer): in every RISC-V frame the return
// address sits at fp-8 and the caller's fp at fp-16. Kernel stacks are one
// page, so the walk stops when fp leaves the page it started in.
void
backtrace(void)
{
  uint64 fp = r_fp();
  uint64 lo = PGROUNDDOWN(fp), hi = lo + PGSIZE;
  printf("backtrace:\n");
  while(fp > lo && fp <= hi && (fp & 7) == 0){
    uint64 ra = *(uint64 *)(fp - 8);
    if(ra == 0)
      break;
    printf("  %p\n", ra);
    fp = *(uint64 *)(fp - 16);
  }
}

// Prints the message, the hart and a backtrace, then powers off with a
// failure code so that the emulator (or QEMU) exits non-zero.
void
panic(char *s)
{
  int first = __sync_lock_test_and_set(&panicking, 1) == 0;
  if(!first)
    for(;;)
      wfi();   // another hart is already reporting
  pr.locking = 0;
  printf("\npanic: %s\nhart %d\n", s, (int)r_tp());
  backtrace();
  poweroff(1);
}

void
printfinit(void)
{
  initlock(&pr.lock, "pr");
  pr.locking = 1;
}
