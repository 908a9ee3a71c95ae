/* A fault whose signal is blocked cannot be held pending: Linux kills the
 * process with the default action even though a handler is installed. Also
 * SIGSEGV from a ud2-free path: a write through a null pointer with the
 * handler blocked ends with SIGSEGV, exit status 128 + 11 = 139. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile int handled;
static void on_segv(int sig) { (void) sig; handled++; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    raise(SIGSEGV); /* a sent SIGSEGV is an ordinary signal: the handler runs and returns */
    printf("raised SIGSEGV handled=%d\n", handled);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGSEGV); /* blocked: stays pending */
    printf("blocked raise handled=%d\n", handled);
    volatile int *p = 0;
    *p = 1;         /* the fault cannot wait: default action */
    printf("not reached %d\n", handled);
    return 0;
}
