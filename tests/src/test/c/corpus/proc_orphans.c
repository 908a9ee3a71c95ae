/* Orphan reparenting: with PR_SET_CHILD_SUBREAPER set, a grandchild whose parent exits is
 * reparented to this process, reports it through getppid, and this process can wait for
 * it; its exit status arrives here. Exit status: 0 when every check passes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    CHECK(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0);
    int on = 0;
    CHECK(prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0) == 0 && on == 1);
    pid_t me = getpid();

    int go[2], rep[2], gpid[2];
    CHECK(pipe(go) == 0 && pipe(rep) == 0 && pipe(gpid) == 0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        pid_t g = fork();
        if (g == 0) {
            /* Grandchild: wait until the middle process is gone, then report the new parent. */
            char c;
            close(go[1]);
            read(go[0], &c, 1);
            int adopted = getppid() == me;
            write(rep[1], &adopted, sizeof adopted);
            _exit(21);
        }
        write(gpid[1], &g, sizeof g);
        _exit(5);
    }
    pid_t grandchild = 0;
    CHECK(read(gpid[0], &grandchild, sizeof grandchild) == sizeof grandchild);
    int st;
    CHECK(waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == 5);
    printf("middle process exited with %d\n", WEXITSTATUS(st));
    CHECK(write(go[1], "g", 1) == 1);
    int adopted = 0;
    CHECK(read(rep[0], &adopted, sizeof adopted) == sizeof adopted);
    CHECK(adopted == 1);
    printf("grandchild adopted by the subreaper: %d\n", adopted);
    CHECK(waitpid(grandchild, &st, 0) == grandchild && WIFEXITED(st) && WEXITSTATUS(st) == 21);
    printf("grandchild reaped here with status %d\n", WEXITSTATUS(st));
    errno = 0;
    CHECK(wait(&st) == -1 && errno == ECHILD);
    printf("%s\n", fails ? "FAILED" : "all orphan checks passed");
    return fails ? 1 : 0;
}
