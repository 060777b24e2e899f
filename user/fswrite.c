// fswrite N: writes files fsw0 .. fsw(N-1), printing "wrote fswK" only
// after each file is closed, so that a crash test knows which files the
// guest reported as written.
// fswrite -v N: checks each of those that exists and prints
// "intact fswK", "corrupt fswK" or "missing fswK".
//
// The content is a function of the file's number, so the checker needs
// nothing but the name: file K holds fsw_length(K) bytes, byte i being
// 'a' + (7K + i) % 26 (printable, so cat can show it).
#include "user/user.h"

static int
fsw_length(int k)
{
  return (k % 8 + 1) * 1024 + k;
}

static char
fsw_byte(int k, int i)
{
  return 'a' + (7 * k + i) % 26;
}

static char buf[1024];

static void
name_of(char *name, int k)
{
  strcpy(name, "fsw");
  char digits[12];
  int n = 0;
  do {
    digits[n++] = '0' + k % 10;
    k /= 10;
  } while(k > 0);
  char *p = name + 3;
  while(n > 0)
    *p++ = digits[--n];
  *p = 0;
}

static int
write_one(int k)
{
  char name[16];
  name_of(name, k);
  int fd = open(name, O_CREATE | O_TRUNC | O_WRONLY);
  if(fd < 0)
    return -1;
  int len = fsw_length(k);
  for(int off = 0; off < len; off += sizeof(buf)){
    int n = len - off < sizeof(buf) ? len - off : sizeof(buf);
    for(int i = 0; i < n; i++)
      buf[i] = fsw_byte(k, off + i);
    if(write(fd, buf, n) != n){
      close(fd);
      return -1;
    }
  }
  close(fd);
  printf("wrote %s\n", name);
  return 0;
}

static void
check_one(int k)
{
  char name[16];
  name_of(name, k);
  int fd = open(name, O_RDONLY);
  if(fd < 0){
    printf("missing %s\n", name);
    return;
  }
  int len = fsw_length(k), off = 0, n, ok = 1;
  while((n = read(fd, buf, sizeof(buf))) > 0){
    for(int i = 0; i < n; i++)
      if(off + i >= len || buf[i] != fsw_byte(k, off + i))
        ok = 0;
    off += n;
  }
  close(fd);
  printf("%s %s\n", ok && off == len ? "intact" : "corrupt", name);
}

int
main(int argc, char **argv)
{
  int verify = argc == 3 && strcmp(argv[1], "-v") == 0;
  if(argc != 2 && !verify){
    fprintf(2, "usage: fswrite [-v] count\n");
    return 1;
  }
  int count = atoi(argv[argc - 1]);
  for(int k = 0; k < count; k++){
    if(verify)
      check_one(k);
    else if(write_one(k) < 0){
      fprintf(2, "fswrite: writing file %d failed\n", k);
      return 1;
    }
  }
  if(!verify)
    printf("fswrite done\n");
  return 0;
}
