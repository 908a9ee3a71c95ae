/* SIGPIPE: writing to a pipe whose read end is closed fails with EPIPE while
 * SIGPIPE is ignored, and kills the writer (exit status 128 + 13 = 141, which a
 * shell reports silently) once the default action is back. A handler sees
 * si_code SI_USER and the write still fails with EPIPE. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int piped, code_user;
static void on_pipe(int sig, siginfo_t *si, void *c) { (void) c; piped = sig; code_user = si->si_code == SI_USER; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int fds[2];
    pipe(fds);
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    ssize_t n = write(fds[1], "x", 1);
    printf("ignored: n=%zd EPIPE=%d\n", n, errno == EPIPE);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_pipe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGPIPE, &sa, NULL);
    n = write(fds[1], "x", 1);
    printf("handled: n=%zd EPIPE=%d sig=%d si_code_user=%d\n", n, errno == EPIPE, piped, code_user);
    signal(SIGPIPE, SIG_DFL);
    write(fds[1], "x", 1);
    printf("not reached\n");
    return 0;
}
