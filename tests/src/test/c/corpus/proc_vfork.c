/* vfork: the parent resumes only after the child calls execve or _exit; exit statuses and
 * exec'd output come back; posix_spawn and system() (which use vfork-style clones) run
 * programs and report their statuses. Exit status: 0 when every check passes. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

extern char **environ;

int main(void) {
    int st;
    fflush(stdout);
    pid_t p = vfork();
    if (p == 0) _exit(17);
    CHECK(p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 17);
    printf("vfork + _exit: %d\n", WEXITSTATUS(st));

    int fd[2];
    CHECK(pipe(fd) == 0);
    fflush(stdout);
    p = vfork();
    if (p == 0) {
        dup2(fd[1], 1);
        char *argv[] = {"/bin/echo", "exec'd", "after", "vfork", NULL};
        execve(argv[0], argv, environ);
        _exit(127);
    }
    close(fd[1]);
    char out[128] = {0};
    ssize_t got = 0, n;
    while ((n = read(fd[0], out + got, sizeof out - 1 - (size_t) got)) > 0) got += n;
    close(fd[0]);
    CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(strcmp(out, "exec'd after vfork\n") == 0);
    printf("vfork + execve: %s", out);

    fflush(stdout);
    char *argv[] = {"/bin/sh", "-c", "echo spawned; exit 4", NULL};
    CHECK(posix_spawn(&p, "/bin/sh", NULL, NULL, argv, environ) == 0);
    CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 4);
    printf("posix_spawn status: %d\n", WEXITSTATUS(st));

    fflush(stdout);
    st = system("echo from system; exit 6");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 6);
    printf("system status: %d\n", WEXITSTATUS(st));

    printf("%s\n", fails ? "FAILED" : "all vfork checks passed");
    return fails ? 1 : 0;
}
