/* execve: /bin/echo with its output captured through a pipe, #! scripts (plain, with an
 * optional interpreter argument, nested through another script), the errors execve gives
 * (ENOENT, EACCES for a directory and for a file without execute permission, ENOEXEC),
 * close-on-exec descriptors, and an ignored signal surviving exec.
 * Exit status: 0 when every check passes. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static char dir[] = "/tmp/jx86-proc-exec-XXXXXX";
extern char **environ;

/* Runs argv[0] with argv in a child, output captured; returns the wait status. */
static int run(char *const argv[], char *out, size_t cap) {
    int fd[2];
    if (pipe(fd) != 0) return -1;
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[0]);
        close(fd[1]);
        execve(argv[0], argv, environ);
        printf("execve failed: %s\n", strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    close(fd[1]);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < cap && (n = read(fd[0], out + got, cap - 1 - got)) > 0) got += (size_t) n;
    out[got] = 0;
    close(fd[0]);
    int st = -1;
    waitpid(p, &st, 0);
    return st;
}

static void write_file(const char *name, const char *text, mode_t mode) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

static char *in_dir(const char *name) {
    static char paths[8][128];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 128, "%s/%s", dir, name);
    return p;
}

static int exec_errno(const char *path) {
    char *argv[] = {(char *) path, NULL};
    errno = 0;
    execve(path, argv, environ);
    return errno;
}

int main(void) {
    char out[512];
    CHECK(mkdtemp(dir) != NULL);

    char *echo[] = {"/bin/echo", "hello", "from", "echo", NULL};
    int st = run(echo, out, sizeof out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && strcmp(out, "hello from echo\n") == 0);
    printf("echo: %s", out);

    write_file("plain.sh", "#!/bin/sh\necho \"script got $# args: $1 $2\"\nexit 7\n", 0755);
    char *plain[] = {in_dir("plain.sh"), "one", "two", NULL};
    st = run(plain, out, sizeof out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
    printf("plain script (status %d): %s", WEXITSTATUS(st), out);

    /* "-e" reaches the interpreter: the script stops at false with status 1. */
    write_file("opt.sh", "#!/bin/sh -e\nfalse\necho not reached\n", 0755);
    char *opt[] = {in_dir("opt.sh"), NULL};
    st = run(opt, out, sizeof out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1 && out[0] == 0);
    printf("script with interpreter argument: status %d, output '%s'\n", WEXITSTATUS(st), out);

    /* A script whose interpreter is itself a script: sh runs plain.sh with nested.sh as $1. */
    char line[200];
    snprintf(line, sizeof line, "#!%s\n", in_dir("plain.sh"));
    write_file("nested.sh", line, 0755);
    char *nested[] = {in_dir("nested.sh"), "x", NULL};
    st = run(nested, out, sizeof out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7 && strncmp(out, "script got 2 args: ", 19) == 0);
    printf("nested script: status %d\n", WEXITSTATUS(st));

    /* Errors leave the caller running. */
    write_file("noexec.sh", "#!/bin/sh\necho no\n", 0644);
    write_file("garbage", "this is neither ELF nor a script\n", 0755);
    write_file("empty-shebang", "#!\n", 0755);
    int e;
    CHECK((e = exec_errno(in_dir("missing"))) == ENOENT);
    printf("missing: %s\n", strerror(e));
    CHECK((e = exec_errno(dir)) == EACCES);
    printf("directory: %s\n", strerror(e));
    CHECK((e = exec_errno(in_dir("noexec.sh"))) == EACCES);
    printf("not executable: %s\n", strerror(e));
    CHECK((e = exec_errno(in_dir("garbage"))) == ENOEXEC);
    printf("garbage: %s\n", strerror(e));
    CHECK((e = exec_errno(in_dir("empty-shebang"))) == ENOEXEC);
    printf("empty #!: %s\n", strerror(e));

    /* Close-on-exec: fd 5 is closed in the exec'd shell, fd 6 stays open. */
    int a = open("/dev/null", O_WRONLY | O_CLOEXEC), b = open("/dev/null", O_WRONLY);
    CHECK(dup3(a, 5, O_CLOEXEC) == 5 && dup2(b, 6) == 6);
    close(a);
    close(b);
    char *fds[] = {"/bin/sh", "-c", "(echo x >&5) 2>/dev/null && echo fd5 open || echo fd5 closed;"
                   " (echo x >&6) 2>/dev/null && echo fd6 open || echo fd6 closed", NULL};
    st = run(fds, out, sizeof out);
    CHECK(strcmp(out, "fd5 closed\nfd6 open\n") == 0);
    printf("%s", out);
    close(5);
    close(6);

    /* An ignored signal stays ignored across exec: sh reports it with trap. */
    signal(SIGUSR1, SIG_IGN);
    char *trap[] = {"/bin/sh", "-c", "kill -USR1 $$; echo survived SIGUSR1", NULL};
    st = run(trap, out, sizeof out);
    CHECK(WIFEXITED(st) && strcmp(out, "survived SIGUSR1\n") == 0);
    printf("%s", out);
    signal(SIGUSR1, SIG_DFL);

    const char *names[] = {"plain.sh", "opt.sh", "nested.sh", "noexec.sh", "garbage", "empty-shebang"};
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++) unlink(in_dir(names[i]));
    rmdir(dir);
    printf("%s\n", fails ? "FAILED" : "all exec checks passed");
    return fails ? 1 : 0;
}
