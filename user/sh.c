// sh: the shell. Reads a line, parses it into a tree of commands and runs
// the tree in a child process. Supports
//   a | b        pipes             a ; b        sequences
//   a &          background        ( a ; b )    grouping
//   < f  > f  >> f                 redirection
//   cd DIR       (built in: it must change the shell's own directory)
#include "user/user.h"

#define MAXARGS 16
#define MAXTOKENS 128
#define LINESIZE 512

enum kind { EXEC = 1, REDIR, PIPE, SEQ, BACK };

struct cmd {
  enum kind kind;
  char *argv[MAXARGS + 1];     // EXEC
  struct cmd *left, *right;    // PIPE, SEQ; REDIR and BACK use left
  char *file;                  // REDIR
  int fd, flags, append;       // REDIR
};

// ---- tokens: words and the operators | ; & ( ) < > >> ----

static char *tok[MAXTOKENS];
static int ntok, pos;
static char words[LINESIZE * 2];

static int
is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

static int
is_op(char c)
{
  return strchr("|;&()<>", c) != 0;
}

// Splits the line into tokens, each copied into `words` with its own
// terminating zero. Returns -1 when the line has too many.
static int
tokenize(const char *s)
{
  char *w = words;
  ntok = pos = 0;
  while(*s){
    if(is_space(*s)){
      s++;
      continue;
    }
    if(ntok == MAXTOKENS)
      return -1;
    tok[ntok++] = w;
    if(s[0] == '>' && s[1] == '>'){
      *w++ = *s++;
      *w++ = *s++;
    } else if(is_op(*s)){
      *w++ = *s++;
    } else {
      while(*s && !is_space(*s) && !is_op(*s))
        *w++ = *s++;
    }
    *w++ = 0;
  }
  return 0;
}

static char *
peek(void)
{
  return pos < ntok ? tok[pos] : 0;
}

static int
peek_is(const char *t)
{
  return pos < ntok && strcmp(tok[pos], t) == 0;
}

static int
is_word(const char *t)
{
  return t && !is_op(t[0]);
}

// ---- parser: recursive descent over the tokens ----
//   seq      := job ((';' | '&') seq?)?          '&' puts the job in background
//   job      := pipeline
//   pipeline := unit ('|' pipeline)?
//   unit     := '(' seq ')' redirs | (word | redir)+

static char *parse_error;

static struct cmd *
node(enum kind kind)
{
  struct cmd *c = malloc(sizeof(*c));
  if(c == 0){
    fprintf(2, "sh: out of memory\n");
    exit(1);
  }
  memset(c, 0, sizeof(*c));
  c->kind = kind;
  return c;
}

static struct cmd *parse_seq(void);

// Wraps c in a redirection if the next tokens are one.
static struct cmd *
parse_redir(struct cmd *c, int *took)
{
  *took = 0;
  char *t = peek();
  if(t == 0 || (t[0] != '<' && t[0] != '>'))
    return c;
  pos++;
  if(!is_word(peek())){
    parse_error = "missing file for redirection";
    return c;
  }
  struct cmd *r = node(REDIR);
  r->left = c;
  r->file = tok[pos++];
  if(strcmp(t, "<") == 0){
    r->fd = 0;
    r->flags = O_RDONLY;
  } else if(strcmp(t, ">") == 0){
    r->fd = 1;
    r->flags = O_WRONLY | O_CREATE | O_TRUNC;
  } else {
    // ">>": there is no O_APPEND; run_redir moves to the end itself.
    r->fd = 1;
    r->flags = O_RDWR | O_CREATE;
    r->append = 1;
  }
  *took = 1;
  return r;
}

static struct cmd *
parse_unit(void)
{
  struct cmd *c;
  int took;
  if(peek_is("(")){
    pos++;
    c = parse_seq();
    if(!peek_is(")")){
      parse_error = "missing )";
      return c;
    }
    pos++;
    do
      c = parse_redir(c, &took);
    while(took && !parse_error);
    return c;
  }
  struct cmd *e = node(EXEC);
  c = e;
  int argc = 0;
  for(;;){
    c = parse_redir(c, &took);
    if(parse_error)
      return c;
    if(took)
      continue;
    if(!is_word(peek()))
      break;
    if(argc == MAXARGS){
      parse_error = "too many arguments";
      return c;
    }
    e->argv[argc++] = tok[pos++];
  }
  if(argc == 0)
    parse_error = "missing command";
  return c;
}

static struct cmd *
parse_pipeline(void)
{
  struct cmd *c = parse_unit();
  if(!parse_error && peek_is("|")){
    pos++;
    struct cmd *p = node(PIPE);
    p->left = c;
    p->right = parse_pipeline();
    return p;
  }
  return c;
}

static struct cmd *
parse_seq(void)
{
  struct cmd *c = parse_pipeline();
  if(parse_error)
    return c;
  if(peek_is("&")){
    pos++;
    struct cmd *b = node(BACK);
    b->left = c;
    c = b;
  } else if(peek_is(";")){
    pos++;
  } else {
    return c;
  }
  if(peek() == 0 || peek_is(")"))
    return c;
  struct cmd *s = node(SEQ);
  s->left = c;
  s->right = parse_seq();
  return s;
}

// ---- running a tree: always in a child, never returns ----

static void run(struct cmd *c) __attribute__((noreturn));

static int
fork_or_die(void)
{
  int pid = fork();
  if(pid < 0){
    fprintf(2, "sh: fork failed\n");
    exit(1);
  }
  return pid;
}

static void
run_exec(struct cmd *c)
{
  exec(c->argv[0], c->argv);
  // Programs live in the root directory; find them from anywhere.
  if(c->argv[0][0] != '/'){
    char path[64];
    if(strlen(c->argv[0]) + 2 <= sizeof(path)){
      path[0] = '/';
      strcpy(path + 1, c->argv[0]);
      exec(path, c->argv);
    }
  }
  fprintf(2, "exec %s failed\n", c->argv[0]);
  exit(1);
}

static void
run_redir(struct cmd *c)
{
  close(c->fd);
  if(open(c->file, c->flags) != c->fd){
    fprintf(2, "sh: cannot open %s\n", c->file);
    exit(1);
  }
  if(c->append){
    // Read to the end so that writes land after the old content.
    char skip[512];
    while(read(c->fd, skip, sizeof(skip)) > 0)
      ;
  }
  run(c->left);
}

static void
run_pipe(struct cmd *c)
{
  int p[2];
  if(pipe(p) < 0){
    fprintf(2, "sh: pipe failed\n");
    exit(1);
  }
  if(fork_or_die() == 0){
    close(1);
    dup(p[1]);
    close(p[0]);
    close(p[1]);
    run(c->left);
  }
  if(fork_or_die() == 0){
    close(0);
    dup(p[0]);
    close(p[0]);
    close(p[1]);
    run(c->right);
  }
  close(p[0]);
  close(p[1]);
  int st1, st2;
  wait(&st1);
  wait(&st2);
  exit(st2);
}

static void
run(struct cmd *c)
{
  int st;
  switch(c->kind){
  case EXEC:
    run_exec(c);
    break;
  case REDIR:
    run_redir(c);
    break;
  case PIPE:
    run_pipe(c);
    break;
  case SEQ:
    if(fork_or_die() == 0)
      run(c->left);
    wait(&st);
    run(c->right);
    break;
  case BACK:
    // The child outlives us and init reaps it.
    if(fork_or_die() == 0)
      run(c->left);
    exit(0);
  }
  exit(1);
}

// ---- the interactive loop ----

static int
read_line(char *buf, int size)
{
  fprintf(2, "$ ");
  gets(buf, size);
  return buf[0] == 0 ? -1 : 0;   // end of input
}

// "cd DIR" must run in the shell itself, not in a child.
static int
builtin_cd(char *line)
{
  if(tokenize(line) < 0 || ntok == 0 || strcmp(tok[0], "cd") != 0)
    return 0;
  if(ntok != 2){
    fprintf(2, "usage: cd dir\n");
    return 1;
  }
  if(chdir(tok[1]) < 0)
    fprintf(2, "cannot cd %s\n", tok[1]);
  return 1;
}

int
main(void)
{
  static char line[LINESIZE];
  int fd;

  // Make sure fds 0, 1 and 2 are open, on the console if nothing else.
  while((fd = open("console", O_RDWR)) >= 0){
    if(fd >= 3){
      close(fd);
      break;
    }
  }

  while(read_line(line, sizeof(line)) == 0){
    if(builtin_cd(line))
      continue;
    if(tokenize(line) < 0){
      fprintf(2, "sh: line too long\n");
      continue;
    }
    if(ntok == 0)
      continue;
    parse_error = 0;
    // The interactive shell outlives a failed fork (a group at pids.max or
    // memory.max): it says so and reads the next line. Losing it would end
    // a pgroup whose pid 1 it is.
    int pid = fork();
    if(pid < 0){
      fprintf(2, "sh: fork failed\n");
      continue;
    }
    if(pid == 0){
      struct cmd *c = parse_seq();
      if(!parse_error && peek() != 0)
        parse_error = "unexpected token";
      if(parse_error){
        fprintf(2, "sh: syntax error: %s\n", parse_error);
        exit(1);
      }
      run(c);
    }
    // As a pgroup's pid 1 the shell inherits the group's orphans: reap
    // them while waiting for the command, not instead of it.
    int w;
    while((w = wait(0)) != pid && w >= 0)
      ;
  }
  exit(0);
}
