/* Default action "terminate" after SA_RESETHAND: the first kill(getpid(),
 * SIGTERM) runs the handler (with si_code SI_USER and si_pid = getpid()), which
 * resets the disposition; the second kill ends the process with SIGTERM, exit
 * status 128 + 15 = 143 as a shell reports it. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int calls, from_self;

static void on_term(int sig, siginfo_t *si, void *ctx) {
    (void) ctx;
    calls++;
    from_self = sig == SIGTERM && si->si_code == SI_USER && si->si_pid == getpid();
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_term;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
    sigaction(SIGTERM, &sa, NULL);
    kill(getpid(), SIGTERM);
    struct sigaction now;
    sigaction(SIGTERM, NULL, &now);
    printf("handler calls=%d from_self=%d reset_to_default=%d\n", calls, from_self, now.sa_handler == SIG_DFL);
    kill(getpid(), SIGTERM);
    printf("not reached\n");
    return 0;
}
