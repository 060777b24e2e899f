// Pipes: ordering, end of file, broken pipes, capacity, many writers.
#include "ut.h"

// Bytes arrive in order whatever the read and write sizes.
static void
pipeorder(void)
{
  int p[2];
  if(pipe(p) < 0)
    fail("pipe failed");
  int pid = fork();
  if(pid == 0){
    close(p[0]);
    int seq = 0;
    for(int n = 0; n < 5; n++){
      for(int i = 0; i < 1033; i++)
        ubuf[i] = seq++;
      if(write(p[1], ubuf, 1033) != 1033)
        exit(1);
    }
    exit(0);
  }
  close(p[1]);
  int total = 0, want = 1, seq = 0, n;
  while((n = read(p[0], ubuf, want)) > 0){
    for(int i = 0; i < n; i++)
      if((ubuf[i] & 0xff) != (seq++ & 0xff))
        fail("byte %d out of order", total + i);
    total += n;
    want = want * 2 > 3000 ? 1 : want * 2;
  }
  close(p[0]);
  if(total != 5 * 1033)
    fail("read %d bytes, expected %d", total, 5 * 1033);
  wait_all_ok(1, "writer");
}

// Reads return 0 once every write end is closed, after the data.
static void
pipeeof(void)
{
  int p[2];
  pipe(p);
  write(p[1], "abc", 3);
  close(p[1]);
  char c[4];
  if(read(p[0], c, 4) != 3)
    fail("data before EOF lost");
  if(read(p[0], c, 4) != 0)
    fail("read after EOF did not return 0");
  close(p[0]);
}

// A write with no reader left fails instead of blocking forever.
static void
pipebroken(void)
{
  int p[2];
  pipe(p);
  close(p[0]);
  if(write(p[1], "x", 1) != -1)
    fail("write to a pipe without readers succeeded");
  close(p[1]);
}

// The wrong end of a pipe refuses the wrong direction.
static void
pipewrongend(void)
{
  int p[2];
  pipe(p);
  char c;
  if(write(p[0], "x", 1) != -1)
    fail("write to the read end");
  if(read(p[1], &c, 1) != -1)
    fail("read from the write end");
  close(p[0]);
  close(p[1]);
}

// Far more than the pipe's buffer goes through, with the writer blocking.
static void
pipebig(void)
{
  int p[2];
  pipe(p);
  int pid = fork();
  if(pid == 0){
    close(p[0]);
    for(int i = 0; i < UBUFSZ; i++)
      ubuf[i] = i * 7;
    for(int k = 0; k < 8; k++)
      if(write(p[1], ubuf, UBUFSZ) != UBUFSZ)
        exit(1);
    exit(0);
  }
  close(p[1]);
  static char in[UBUFSZ];
  int got = 0, n;
  uint sum = 0;
  while((n = read(p[0], in, sizeof(in))) > 0){
    for(int i = 0; i < n; i++)
      sum += (uchar)in[i] * ((got + i) % 13 + 1);
    got += n;
  }
  close(p[0]);
  wait_all_ok(1, "writer");
  uint want = 0;
  for(int i = 0; i < 8 * UBUFSZ; i++)
    want += (uchar)(i % UBUFSZ * 7) * (i % 13 + 1);
  if(got != 8 * UBUFSZ || sum != want)
    fail("%d bytes, checksum %x, expected %x", got, sum, want);
}

// Several writers on one pipe: every byte arrives.
static void
pipewriters(void)
{
  int p[2];
  pipe(p);
  for(int w = 0; w < 4; w++){
    if(fork() == 0){
      close(p[0]);
      char b[100];
      memset(b, 'a' + w, sizeof(b));
      for(int i = 0; i < 50; i++)
        if(write(p[1], b, sizeof(b)) != sizeof(b))
          exit(1);
      exit(0);
    }
  }
  close(p[1]);
  int count[4] = {0}, n;
  while((n = read(p[0], ubuf, 512)) > 0)
    for(int i = 0; i < n; i++){
      int w = ubuf[i] - 'a';
      if(w < 0 || w > 3)
        fail("foreign byte %d", ubuf[i]);
      count[w]++;
    }
  close(p[0]);
  wait_all_ok(4, "writer");
  for(int w = 0; w < 4; w++)
    if(count[w] != 5000)
      fail("writer %d: %d bytes arrived", w, count[w]);
}

// Running out of file descriptors makes pipe fail cleanly, and the
// descriptors are usable again after closing.
static void
pipefdlimit(void)
{
  int fds[64];
  int n = 0;
  for(; n + 1 < 64; n += 2)
    if(pipe(fds + n) < 0)
      break;
  if(n == 0 || n >= 62)
    fail("pipe failed at %d descriptors", n);
  for(int i = 0; i < n; i++)
    close(fds[i]);
  int p[2];
  if(pipe(p) < 0)
    fail("pipe fails after closing");
  close(p[0]);
  close(p[1]);
}

struct test pipe_tests[] = {
  { pipeorder, "pipeorder" },
  { pipeeof, "pipeeof" },
  { pipebroken, "pipebroken" },
  { pipewrongend, "pipewrongend" },
  { pipebig, "pipebig" },
  { pipewriters, "pipewriters" },
  { pipefdlimit, "pipefdlimit" },
  { 0 },
};
