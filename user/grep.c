// grep PATTERN [FILE...]: prints the lines that match PATTERN, a small
// regular expression: ^ anchors at the start, $ at the end, . is any
// character and x* is any number of x (greedy, with backtracking).
#include "user/user.h"

static int match_here(const char *re, const char *text);

static int
char_matches(char rc, char tc)
{
  return tc != 0 && (rc == '.' || rc == tc);
}

// re starts with "c*": take as many c as possible, then give them back one
// at a time until the rest of the pattern matches.
static int
match_star(char c, const char *rest, const char *text)
{
  const char *t = text;
  while(char_matches(c, *t))
    t++;
  for(;;){
    if(match_here(rest, t))
      return 1;
    if(t == text)
      return 0;
    t--;
  }
}

static int
match_here(const char *re, const char *text)
{
  for(;;){
    if(re[0] == 0)
      return 1;
    if(re[1] == '*')
      return match_star(re[0], re + 2, text);
    if(re[0] == '$' && re[1] == 0)
      return *text == 0;
    if(!char_matches(re[0], *text))
      return 0;
    re++;
    text++;
  }
}

static int
match(const char *re, const char *text)
{
  if(re[0] == '^')
    return match_here(re + 1, text);
  do {
    if(match_here(re, text))
      return 1;
  } while(*text++ != 0);
  return 0;
}

static char buf[2048];

// Lines longer than the buffer are matched in buffer-sized pieces.
static void
grep(const char *re, int fd)
{
  int have = 0, n;
  while((n = read(fd, buf + have, sizeof(buf) - 1 - have)) > 0){
    have += n;
    buf[have] = 0;
    char *line = buf, *nl;
    while((nl = strchr(line, '\n')) != 0){
      *nl = 0;
      if(match(re, line)){
        *nl = '\n';
        write(1, line, nl + 1 - line);
      }
      line = nl + 1;
    }
    have -= line - buf;
    if(have == sizeof(buf) - 1){
      if(match(re, buf)){
        write(1, buf, have);
        write(1, "\n", 1);
      }
      have = 0;
    } else if(have > 0){
      memmove(buf, line, have);
    }
  }
  if(have > 0){
    buf[have] = 0;
    if(match(re, buf)){
      write(1, buf, have);
      write(1, "\n", 1);
    }
  }
}

int
main(int argc, char **argv)
{
  if(argc < 2){
    fprintf(2, "usage: grep pattern [file...]\n");
    return 1;
  }
  if(argc == 2){
    grep(argv[1], 0);
    return 0;
  }
  int status = 0;
  for(int i = 2; i < argc; i++){
    int fd = open(argv[i], O_RDONLY);
    if(fd < 0){
      fprintf(2, "grep: cannot open %s\n", argv[i]);
      status = 1;
      continue;
    }
    grep(argv[1], fd);
    close(fd);
  }
  return status;
}
