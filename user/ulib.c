// The string, memory and small I/O helpers every program links with, and
// the entry point that turns main's return into exit.
#include "user/user.h"

int main(int argc, char **argv);

// exec starts here with a0 = argc, a1 = argv; returning from main must not
// fall off into nowhere, so its value becomes the exit status.
void
start(int argc, char **argv)
{
  exit(main(argc, argv));
}

char *
strcpy(char *dst, const char *src)
{
  char *d = dst;
  while((*d++ = *src++) != 0)
    ;
  return dst;
}

int
strcmp(const char *a, const char *b)
{
  while(*a && *a == *b)
    a++, b++;
  return (uchar)*a - (uchar)*b;
}

int
strncmp(const char *a, const char *b, uint n)
{
  for(; n > 0; n--, a++, b++){
    if(*a != *b || *a == 0)
      return (uchar)*a - (uchar)*b;
  }
  return 0;
}

uint
strlen(const char *s)
{
  uint n = 0;
  while(s[n])
    n++;
  return n;
}

char *
strchr(const char *s, char c)
{
  for(; *s; s++)
    if(*s == c)
      return (char *)s;
  return 0;
}

void *
memset(void *dst, int c, uint n)
{
  uchar *d = dst;
  // Word stores when aligned: programs clear big buffers, and byte loops
  // cost the emulator eight times as many instructions.
  if(((uint64)d & 7) == 0 && n >= 8){
    uint64 w = (uchar)c;
    w |= w << 8;
    w |= w << 16;
    w |= w << 32;
    for(; n >= 8; n -= 8, d += 8)
      *(uint64 *)d = w;
  }
  while(n-- > 0)
    *d++ = c;
  return dst;
}

void *
memmove(void *dst, const void *src, int n)
{
  char *d = dst;
  const char *s = src;
  if(n <= 0)
    return dst;
  if(s < d && s + n > d){
    // Overlap with the source below: copy from the end so nothing is read
    // after being overwritten.
    d += n;
    s += n;
    while(n-- > 0)
      *--d = *--s;
  } else {
    while(n-- > 0)
      *d++ = *s++;
  }
  return dst;
}

// The compiler emits calls to memcpy for struct copies.
void *
memcpy(void *dst, const void *src, uint n)
{
  return memmove(dst, src, n);
}

int
memcmp(const void *a, const void *b, uint n)
{
  const uchar *p = a, *q = b;
  for(; n > 0; n--, p++, q++)
    if(*p != *q)
      return *p - *q;
  return 0;
}

// Reads one line (up to max-1 bytes, newline included) from fd 0.
char *
gets(char *buf, int max)
{
  int i = 0;
  char c;
  while(i + 1 < max){
    if(read(0, &c, 1) < 1)
      break;
    buf[i++] = c;
    if(c == '\n' || c == '\r')
      break;
  }
  buf[i] = 0;
  return buf;
}

int
stat(const char *path, struct stat *st)
{
  int fd = open(path, O_RDONLY);
  if(fd < 0)
    return -1;
  int r = fstat(fd, st);
  close(fd);
  return r;
}

int
atoi(const char *s)
{
  int neg = 0, n = 0;
  if(*s == '-'){
    neg = 1;
    s++;
  }
  while(*s >= '0' && *s <= '9')
    n = n * 10 + (*s++ - '0');
  return neg ? -n : n;
}
