// wc [FILE...]: counts lines, words and bytes.
#include "user/user.h"

static char buf[1024];

static int
count(int fd, const char *name)
{
  int lines = 0, words = 0, bytes = 0, inword = 0, n;
  while((n = read(fd, buf, sizeof(buf))) > 0){
    for(int i = 0; i < n; i++){
      bytes++;
      if(buf[i] == '\n')
        lines++;
      if(strchr(" \r\t\n\v", buf[i])){
        inword = 0;
      } else if(!inword){
        words++;
        inword = 1;
      }
    }
  }
  if(n < 0){
    fprintf(2, "wc: read error\n");
    return -1;
  }
  printf("%d %d %d %s\n", lines, words, bytes, name);
  return 0;
}

int
main(int argc, char **argv)
{
  if(argc < 2)
    return count(0, "") < 0;
  int status = 0;
  for(int i = 1; i < argc; i++){
    int fd = open(argv[i], O_RDONLY);
    if(fd < 0){
      fprintf(2, "wc: cannot open %s\n", argv[i]);
      status = 1;
      continue;
    }
    if(count(fd, argv[i]) < 0)
      status = 1;
    close(fd);
  }
  return status;
}
