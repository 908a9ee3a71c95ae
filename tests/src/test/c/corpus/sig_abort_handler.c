/* abort() with a SIGABRT handler that returns: the handler runs once, then
 * abort restores the default action and the process dies of SIGABRT anyway
 * (exit status 134). SIGABRT blocked beforehand does not save it either. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int calls;
static void on_abrt(int sig) { (void) sig; calls++; printf("handler ran (%d)\n", calls); }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGABRT, on_abrt);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGABRT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    printf("aborting\n");
    abort();
}
