// printf and fprintf. Each call collects its output and writes it with as
// few write calls as possible, so that lines printed by concurrent processes
// stay whole.
#include <stdarg.h>
#include "user/user.h"

struct out {
  int fd;
  int n;
  char buf[128];
};

static void
flush(struct out *o)
{
  if(o->n > 0)
    write(o->fd, o->buf, o->n);
  o->n = 0;
}

static void
putc(struct out *o, char c)
{
  if(o->n == sizeof(o->buf))
    flush(o);
  o->buf[o->n++] = c;
}

static void
putnum(struct out *o, uint64 x, int base, int is_signed)
{
  static const char digits[] = "0123456789abcdef";
  char tmp[24];
  int i = 0, neg = 0;
  if(is_signed && (long)x < 0){
    neg = 1;
    x = -(long)x;
  }
  do {
    tmp[i++] = digits[x % base];
    x /= base;
  } while(x != 0);
  if(neg)
    tmp[i++] = '-';
  while(i > 0)
    putc(o, tmp[--i]);
}

static void
vformat(struct out *o, const char *fmt, va_list ap)
{
  for(; *fmt; fmt++){
    if(*fmt != '%'){
      putc(o, *fmt);
      continue;
    }
    fmt++;
    int lng = 0;
    while(*fmt == 'l'){
      lng = 1;
      fmt++;
    }
    switch(*fmt){
    case 'd':
      putnum(o, lng ? va_arg(ap, long) : va_arg(ap, int), 10, 1);
      break;
    case 'u':
      putnum(o, lng ? va_arg(ap, uint64) : va_arg(ap, uint), 10, 0);
      break;
    case 'x':
      putnum(o, lng ? va_arg(ap, uint64) : va_arg(ap, uint), 16, 0);
      break;
    case 'p':
      putc(o, '0');
      putc(o, 'x');
      putnum(o, (uint64)va_arg(ap, void *), 16, 0);
      break;
    case 'c':
      putc(o, va_arg(ap, int));
      break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      if(s == 0)
        s = "(null)";
      while(*s)
        putc(o, *s++);
      break;
    }
    case 0:
      return;
    default:
      // Unknown conversion: print it as written so the mistake shows.
      putc(o, '%');
      putc(o, *fmt);
      break;
    }
  }
}

void
vfprintf(int fd, const char *fmt, va_list ap)
{
  struct out o = { .fd = fd, .n = 0 };
  vformat(&o, fmt, ap);
  flush(&o);
}

void
fprintf(int fd, const char *fmt, ...)
{
  struct out o = { .fd = fd, .n = 0 };
  va_list ap;
  va_start(ap, fmt);
  vformat(&o, fmt, ap);
  va_end(ap);
  flush(&o);
}

void
printf(const char *fmt, ...)
{
  struct out o = { .fd = 1, .n = 0 };
  va_list ap;
  va_start(ap, fmt);
  vformat(&o, fmt, ap);
  va_end(ap);
  flush(&o);
}
