// What a user program sees: the system calls (stubs generated into
// build/gen/usys.S from kernel/syscall.h) and the small C library in ulib.c,
// printf.c and umalloc.c. The types and the stat/open definitions are the
// kernel's own headers, shared rather than copied.
#ifndef USER_H
#define USER_H

#include <stdarg.h>
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "kernel/pgroup.h"

// System calls. Each returns -1 on failure unless said otherwise.
int fork(void);
void exit(int status) __attribute__((noreturn));
int wait(int *status);                 // status may be 0
int pipe(int fds[2]);
int read(int fd, void *buf, int n);
int write(int fd, const void *buf, int n);
int close(int fd);
int kill(int pid);
int exec(const char *path, char **argv);
int open(const char *path, int flags);
int mknod(const char *path, short major, short minor);
int unlink(const char *path);
int fstat(int fd, struct stat *st);
int link(const char *oldpath, const char *newpath);
int mkdir(const char *path);
int chdir(const char *path);
int dup(int fd);
int getpid(void);
char *sbrk(int n);                     // returns the old break, or (char*)-1
int sleep(int ticks);
int uptime(void);
int halt(int code);                    // powers the machine off with code; root group only
// pgroups (kernel/pgroup.h says what each does)
int pgcreate(struct pgspec *spec);
int pgfork(int id);
int pgctl(int id, int op, uint64 a, uint64 b);
int pgstat(int id, struct pgstat *st);
int getprocs(struct procinfo *buf, int max);
int gethostname(char *buf, int n);
uint64 freepages(void);

// ulib.c
int stat(const char *path, struct stat *st);
char *strcpy(char *dst, const char *src);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, uint n);
uint strlen(const char *s);
char *strchr(const char *s, char c);
void *memset(void *dst, int c, uint n);
void *memmove(void *dst, const void *src, int n);
void *memcpy(void *dst, const void *src, uint n);
int memcmp(const void *a, const void *b, uint n);
char *gets(char *buf, int max);
int atoi(const char *s);

// printf.c: %d %u %x %p %s %c, with l for 64-bit (%ld %lu %lx).
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vfprintf(int fd, const char *fmt, va_list ap);

// umalloc.c
void *malloc(uint n);
void free(void *p);

#endif
