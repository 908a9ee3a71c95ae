/* Signals delivered to the process itself: sigaction handlers for SIGUSR1/
 * SIGUSR2 with siginfo, raise() and kill(getpid()), blocking with
 * sigprocmask so a signal stays pending until unblocked, SA_RESETHAND, a
 * handler that longjmps out (siglongjmp), and SIG_IGN. No timing involved.
 * Exit status: 0 when every check passes. */
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static volatile sig_atomic_t usr1_count, usr2_count, last_signo, last_code_is_user;
static sigjmp_buf escape;

static void on_usr1(int sig) { usr1_count++; last_signo = sig; }
static void on_usr2(int sig, siginfo_t *si, void *ctx) { (void) ctx; usr2_count++; last_signo = sig; last_code_is_user = si->si_code == SI_USER || si->si_code == SI_TKILL; }
static void on_escape(int sig) { siglongjmp(escape, sig); }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
    for (int i = 0; i < 5; i++) raise(SIGUSR1);
    printf("after 5 raises: usr1_count=%d last=%d\n", (int) usr1_count, (int) last_signo);
    CHECK(usr1_count == 5 && last_signo == SIGUSR1);

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
    kill(getpid(), SIGUSR2);
    printf("after kill: usr2_count=%d user_code=%d\n", (int) usr2_count, (int) last_code_is_user);
    CHECK(usr2_count == 1 && last_code_is_user);

    /* block, raise twice (standard signals coalesce), check pending, unblock */
    sigset_t set, old, pend;
    sigemptyset(&set); sigaddset(&set, SIGUSR1);
    CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0);
    raise(SIGUSR1); raise(SIGUSR1);
    sigpending(&pend);
    printf("while blocked: usr1_count=%d pending=%d\n", (int) usr1_count, sigismember(&pend, SIGUSR1));
    CHECK(usr1_count == 5 && sigismember(&pend, SIGUSR1) == 1);
    CHECK(sigprocmask(SIG_SETMASK, &old, NULL) == 0);
    printf("after unblock: usr1_count=%d\n", (int) usr1_count);
    CHECK(usr1_count == 6);

    /* SIG_IGN */
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    printf("ignored SIGUSR2: usr2_count=%d\n", (int) usr2_count);
    CHECK(usr2_count == 1);

    /* SA_RESETHAND: the second delivery would use SIG_DFL, so only check the disposition */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("after SA_RESETHAND delivery: count=%d handler is default=%d\n", (int) usr1_count, now.sa_handler == SIG_DFL);
    CHECK(usr1_count == 7 && now.sa_handler == SIG_DFL);

    /* escape from a handler with siglongjmp; the mask is restored */
    signal(SIGUSR1, on_escape);
    int r = sigsetjmp(escape, 1);
    if (r == 0) { raise(SIGUSR1); printf("not reached\n"); }
    sigprocmask(SIG_BLOCK, NULL, &old);
    printf("escaped with %d, SIGUSR1 blocked afterwards=%d\n", r, sigismember(&old, SIGUSR1));
    CHECK(r == SIGUSR1 && sigismember(&old, SIGUSR1) == 0);
    printf("fails=%d\n", fails);
    return fails;
}
