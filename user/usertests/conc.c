// I/O under concurrency: several processes creating, writing, linking and
// removing files at the same time.
#include "ut.h"

// Four processes each write their own file, in parallel.
static void
fourfiles(void)
{
  char name[] = "four0";
  for(int p = 0; p < 4; p++){
    name[4] = '0' + p;
    unlink(name);
    if(fork() == 0){
      int fd = open(name, O_CREATE | O_RDWR);
      if(fd < 0)
        exit(1);
      memset(ubuf, '0' + p, 500);
      for(int i = 0; i < 12; i++)
        if(write(fd, ubuf, 500) != 500)
          exit(2);
      exit(0);
    }
  }
  wait_all_ok(4, "writer");
  for(int p = 0; p < 4; p++){
    name[4] = '0' + p;
    int fd = open(name, O_RDONLY), n, total = 0;
    while((n = read(fd, ubuf, 4096)) > 0){
      for(int i = 0; i < n; i++)
        if(ubuf[i] != '0' + p)
          fail("%s holds a byte of another writer", name);
      total += n;
    }
    close(fd);
    unlink(name);
    if(total != 12 * 500)
      fail("%s has %d bytes", name, total);
  }
}

// Four processes create and delete files in one directory together.
static void
createdelete(void)
{
  const int n = 20;
  char name[4] = "cd";
  for(int p = 0; p < 4; p++){
    if(fork() == 0){
      name[0] = 'p' + p;
      name[2] = 0;
      for(int i = 0; i < n; i++){
        name[1] = '0' + i;
        int fd = open(name, O_CREATE | O_RDWR);
        if(fd < 0)
          exit(1);
        close(fd);
        if(i > 0 && i % 2 == 0){
          name[1] = '0' + i / 2;
          if(unlink(name) < 0)
            exit(2);
        }
      }
      exit(0);
    }
  }
  wait_all_ok(4, "creator");
  for(int p = 0; p < 4; p++){
    for(int i = 0; i < n; i++){
      name[0] = 'p' + p;
      name[1] = '0' + i;
      name[2] = 0;
      int fd = open(name, O_RDONLY);
      int removed = i >= 1 && i < n / 2;
      if(removed && fd >= 0)
        fail("%s exists but was removed", name);
      if(!removed && fd < 0)
        fail("%s is missing", name);
      if(fd >= 0)
        close(fd);
      unlink(name);
    }
  }
}

// Two processes create, link and remove the same names in opposite
// orders; every name that exists at the end is a sound file.
static void
concreate(void)
{
  char name[4] = "C";
  name[2] = 0;
  int pid = fork();
  if(pid < 0)
    fail("fork failed");
  for(int i = 0; i < 40; i++){
    name[1] = '0' + i;
    unlink(name);
    if(pid && i % 3 == 1){
      link("C0", name);
    } else if(!pid && i % 5 == 1){
      link("C0", name);
    } else {
      int fd = open(name, O_CREATE | O_RDWR);
      if(fd < 0)
        fail("create %s failed", name);
      close(fd);
    }
  }
  if(pid == 0)
    exit(0);
  wait_all_ok(1, "the other creator");
  for(int i = 0; i < 40; i++){
    name[1] = '0' + i;
    struct stat st;
    if(stat(name, &st) == 0 && st.type != T_FILE)
      fail("%s is not a file", name);
  }
  pid = fork();
  for(int i = 0; i < 40; i++){
    name[1] = '0' + i;
    unlink(name);
  }
  if(pid == 0)
    exit(0);
  wait_all_ok(1, "the other remover");
}

// Parent and child write through one shared descriptor: nothing lost.
static void
sharedfd(void)
{
  int fd = open("sharedfd", O_CREATE | O_TRUNC | O_RDWR);
  if(fd < 0)
    fail("create failed");
  int pid = fork();
  char c = pid == 0 ? 'c' : 'p';
  char b[10];
  memset(b, c, sizeof(b));
  for(int i = 0; i < 500; i++)
    if(write(fd, b, sizeof(b)) != sizeof(b))
      fail("write failed");
  if(pid == 0)
    exit(0);
  wait_all_ok(1, "child writer");
  close(fd);
  fd = open("sharedfd", O_RDONLY);
  int np = 0, nc = 0, n;
  while((n = read(fd, ubuf, 4096)) > 0)
    for(int i = 0; i < n; i++){
      np += ubuf[i] == 'p';
      nc += ubuf[i] == 'c';
    }
  close(fd);
  unlink("sharedfd");
  if(np != 5000 || nc != 5000)
    fail("%d parent and %d child bytes, expected 5000 each", np, nc);
}

// Random link/unlink/create of a few names by two processes.
static void
linkunlink(void)
{
  unlink("lu");
  int pid = fork();
  uint x = pid ? 1 : 97;
  for(int i = 0; i < 100; i++){
    x = x * 1103515245 + 12345;
    switch((x >> 16) % 3){
    case 0:
      close(open("lu", O_RDWR | O_CREATE));
      break;
    case 1:
      link("/cat", "lu");
      break;
    case 2:
      unlink("lu");
      break;
    }
  }
  if(pid == 0)
    exit(0);
  wait_all_ok(1, "the other process");
  unlink("lu");
}

// Several processes make and remove the same directories.
static void
concdirs(void)
{
  for(int p = 0; p < 3; p++){
    if(fork() == 0){
      for(int i = 0; i < 60; i++){
        char name[4] = "D0";
        name[1] = '0' + (i + p) % 5;
        if(i % 2)
          mkdir(name);
        else
          unlink(name);
      }
      exit(0);
    }
  }
  wait_all_ok(3, "mkdir/unlink worker");
  for(int i = 0; i < 5; i++){
    char name[4] = "D0";
    name[1] = '0' + i;
    unlink(name);
  }
}

// Many processes writing and re-reading files for a while.
static void
manywrites(void)
{
  for(int p = 0; p < 4; p++){
    if(fork() == 0){
      char name[4] = "mwX";
      name[2] = 'a' + p;
      for(int round = 0; round < 20; round++){
        unlink(name);
        int fd = open(name, O_CREATE | O_RDWR);
        if(fd < 0)
          exit(1);
        memset(ubuf, name[2] + round, 4096);
        for(int k = 0; k < 16; k++)
          if(write(fd, ubuf, 4096) != 4096)
            exit(2);
        close(fd);
        fd = open(name, O_RDONLY);
        for(int k = 0; k < 16; k++){
          if(read(fd, ubuf, 4096) != 4096 || ubuf[4095] != (char)(name[2] + round))
            exit(3);
        }
        close(fd);
      }
      unlink(name);
      exit(0);
    }
  }
  wait_all_ok(4, "writer");
}

struct test conc_tests[] = {
  { fourfiles, "fourfiles" },
  { createdelete, "createdelete" },
  { concreate, "concreate" },
  { sharedfd, "sharedfd" },
  { linkunlink, "linkunlink" },
  { concdirs, "concdirs" },
  { manywrites, "manywrites", 1 },
  { 0 },
};
