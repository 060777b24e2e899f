// The handful of string and memory routines the kernel needs. Whole pages
// are filled and copied a 64-bit word at a time: byte loops over all of
// memory dominate boot and fork time on an emulator.
#include "types.h"
#include "riscv.h"
#include "defs.h"

void*
memset(void *dst, int c, uint n)
{
  uchar *d = dst;
  uint64 word = (uchar)c;
  word |= word << 8;
  word |= word << 16;
  word |= word << 32;
  while(n > 0 && ((uint64)d & 7)){
    *d++ = c;
    n--;
  }
  for(; n >= 8; n -= 8, d += 8)
    *(uint64 *)d = word;
  while(n-- > 0)
    *d++ = c;
  return dst;
}

// Fills one page with a 64-bit pattern, eight stores per iteration.
void
pagefill(void *page, uint64 word)
{
  uint64 *p = page, *e = p + PGSIZE / 8;
  for(; p < e; p += 8){
    p[0] = word; p[1] = word; p[2] = word; p[3] = word;
    p[4] = word; p[5] = word; p[6] = word; p[7] = word;
  }
}

int
memcmp(const void *a, const void *b, uint n)
{
  const uchar *x = a, *y = b;
  for(; n > 0; n--, x++, y++)
    if(*x != *y)
      return *x - *y;
  return 0;
}

void*
memmove(void *dst, const void *src, uint n)
{
  const uchar *s = src;
  uchar *d = dst;
  if(n == 0 || d == s)
    return dst;
  if(s < d && s + n > d){
    // Overlap with dst above src: copy backwards.
    s += n;
    d += n;
    while(n-- > 0)
      *--d = *--s;
    return dst;
  }
  if((((uint64)s | (uint64)d) & 7) == 0){
    for(; n >= 8; n -= 8, s += 8, d += 8)
      *(uint64 *)d = *(const uint64 *)s;
  }
  while(n-- > 0)
    *d++ = *s++;
  return dst;
}

// The compiler may emit calls to memcpy for structure copies.
void*
memcpy(void *dst, const void *src, uint n)
{
  return memmove(dst, src, n);
}

int
strncmp(const char *a, const char *b, uint n)
{
  for(; n > 0 && *a && *a == *b; n--, a++, b++)
    ;
  if(n == 0)
    return 0;
  return (uchar)*a - (uchar)*b;
}

char*
strncpy(char *dst, const char *src, int n)
{
  char *d = dst;
  while(n > 0 && (*d++ = *src++) != 0)
    n--;
  while(n-- > 1)
    *d++ = 0;
  return dst;
}

// Like strncpy, but always NUL-terminates.
char*
safestrcpy(char *dst, const char *src, int n)
{
  char *d = dst;
  if(n <= 0)
    return dst;
  while(--n > 0 && (*d = *src) != 0)
    d++, src++;
  *d = 0;
  return dst;
}

int
strlen(const char *s)
{
  int n = 0;
  while(s[n])
    n++;
  return n;
}
