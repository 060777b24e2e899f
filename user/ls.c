// ls [PATH...]: lists a directory (name, type, inode, size per entry) or
// describes a file.
#include "user/user.h"
#include "kernel/fs.h"

// The entry's name padded to DIRSIZ, so the columns line up.
static const char *
padded(const char *name)
{
  static char buf[DIRSIZ + 1];
  int n = 0;
  while(n < DIRSIZ && name[n]){
    buf[n] = name[n];
    n++;
  }
  while(n < DIRSIZ)
    buf[n++] = ' ';
  buf[n] = 0;
  return buf;
}

static void
show(const char *name, struct stat *st)
{
  printf("%s %d %d %lu\n", padded(name), st->type, st->ino, st->size);
}

static int
ls(const char *path)
{
  struct stat st;
  int fd = open(path, O_RDONLY);
  if(fd < 0){
    fprintf(2, "ls: cannot open %s\n", path);
    return -1;
  }
  if(fstat(fd, &st) < 0){
    fprintf(2, "ls: cannot stat %s\n", path);
    close(fd);
    return -1;
  }
  if(st.type != T_DIR){
    show(path, &st);
    close(fd);
    return 0;
  }

  char full[128];
  uint len = strlen(path);
  if(len + 1 + DIRSIZ + 1 > sizeof(full)){
    fprintf(2, "ls: path too long\n");
    close(fd);
    return -1;
  }
  strcpy(full, path);
  full[len++] = '/';
  struct dirent de;
  while(read(fd, &de, sizeof(de)) == sizeof(de)){
    if(de.inum == 0)
      continue;
    memmove(full + len, de.name, DIRSIZ);
    full[len + DIRSIZ] = 0;
    char name[DIRSIZ + 1];
    memmove(name, de.name, DIRSIZ);
    name[DIRSIZ] = 0;
    if(stat(full, &st) < 0){
      fprintf(2, "ls: cannot stat %s\n", full);
      continue;
    }
    show(name, &st);
  }
  close(fd);
  return 0;
}

int
main(int argc, char **argv)
{
  if(argc < 2)
    return ls(".") < 0;
  int status = 0;
  for(int i = 1; i < argc; i++)
    if(ls(argv[i]) < 0)
      status = 1;
  return status;
}
