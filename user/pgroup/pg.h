// Shared by the files of the pgroup tool: error reporting, argument
// parsing and finding a group by name.
#ifndef PG_H
#define PG_H
#include "user/user.h"

// Prints "pgroup: ..." as one line on stderr and exits 1.
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

// Exits with a message unless the caller is in the root group.
void need_root(void);

// Decimal digits only, without overflow. Returns 0, or -1 when s is not one.
int parse_num(const char *s, uint64 *v);

// parse_num within lo..hi, or exit naming what was wrong.
uint64 num_arg(const char *what, const char *s, uint64 lo, uint64 hi);

// A byte count with an optional K or M suffix, or "max" (PG_NOLIMIT).
int parse_mem(const char *s, uint64 *v);

// 1..PGNAME-1 letters, digits, '-' or '_'.
int valid_name(const char *s);

// The id of the group called name (its state in *st), or -1.
int find_group(const char *name, struct pgstat *st);

// find_group, or exit with "no group NAME" (an invalid name says so).
int group_or_die(const char *name, struct pgstat *st);

// The subcommands; argv[0] is the subcommand's name.
int cmd_create(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_stat(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_ctl(int argc, char **argv);   // freeze, thaw, kill
int cmd_rm(int argc, char **argv);
#endif
