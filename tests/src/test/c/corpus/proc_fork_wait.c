/* fork and the wait family: exit statuses, death by signal (kill from the parent, abort,
 * a compute-bound child killed mid-loop), WNOHANG while a child runs, waitpid of a
 * specific pid, waitid with P_PID and WNOWAIT, ECHILD, and the copy of memory a child gets.
 * Exit status: 0 when every check passes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static int shared_counter = 10;

static pid_t spawn_exit(int code) {
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) _exit(code);
    return p;
}

int main(void) {
    /* Exit codes come back in wait order the caller chooses. */
    pid_t kids[5];
    for (int i = 0; i < 5; i++) kids[i] = spawn_exit(i * 7 % 256);
    for (int i = 4; i >= 0; i--) {
        int st = -1;
        pid_t r = waitpid(kids[i], &st, 0);
        CHECK(r == kids[i]);
        CHECK(WIFEXITED(st) && !WIFSIGNALED(st));
        printf("child %d exited with %d\n", i, WEXITSTATUS(st));
    }

    /* The child gets a copy of memory: its writes stay its own. */
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        shared_counter += 5;
        printf("child sees counter %d\n", shared_counter);
        fflush(stdout);
        _exit(shared_counter);
    }
    int st;
    CHECK(waitpid(p, &st, 0) == p);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 15);
    printf("parent sees counter %d, child exited %d\n", shared_counter, WEXITSTATUS(st));

    /* A child blocked reading a pipe: WNOHANG finds nothing; SIGTERM ends it. */
    int fd[2];
    CHECK(pipe(fd) == 0);
    fflush(stdout);
    p = fork();
    if (p == 0) {
        char c;
        close(fd[1]);
        read(fd[0], &c, 1);
        _exit(99);
    }
    CHECK(waitpid(p, &st, WNOHANG) == 0);
    CHECK(kill(p, SIGTERM) == 0);
    CHECK(waitpid(p, &st, 0) == p);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
    printf("blocked child: signaled=%d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));
    close(fd[0]);
    close(fd[1]);

    /* A compute-bound child is killed between instructions. */
    fflush(stdout);
    p = fork();
    if (p == 0) {
        volatile unsigned long x = 0;
        for (;;) x++;
    }
    CHECK(kill(p, SIGKILL) == 0);
    CHECK(waitpid(p, &st, 0) == p);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    printf("spinning child: sig=%d\n", WTERMSIG(st));

    /* abort() in the child. */
    fflush(stdout);
    p = fork();
    if (p == 0) abort();
    CHECK(wait(&st) == p);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    printf("aborting child: sig=%d\n", WTERMSIG(st));

    /* waitid: WNOWAIT leaves the zombie for a second wait. */
    p = spawn_exit(42);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PID, p, &si, WEXITED | WNOWAIT) == 0);
    CHECK(si.si_pid == p && si.si_signo == SIGCHLD && si.si_code == CLD_EXITED && si.si_status == 42);
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_ALL, 0, &si, WEXITED) == 0);
    CHECK(si.si_pid == p && si.si_status == 42);
    printf("waitid: code=%d status=%d\n", si.si_code, si.si_status);

    /* No children left. */
    errno = 0;
    CHECK(wait(&st) == -1 && errno == ECHILD);
    errno = 0;
    CHECK(waitpid(getpid(), &st, WNOHANG) == -1 && errno == ECHILD);
    printf("no more children: %s\n", strerror(ECHILD));
    printf("%s\n", fails ? "FAILED" : "all fork/wait checks passed");
    return fails ? 1 : 0;
}
