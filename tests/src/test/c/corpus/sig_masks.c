/* Signal masks and nesting: a blocked signal stays pending until unmasked;
 * sa_mask blocks others while a handler runs; a handler that raises another
 * signal nests; SA_NODEFER lets a handler interrupt itself; sigsuspend waits
 * with a temporary mask and restores the old one; sigtimedwait takes a pending
 * signal without running its handler; real-time signals queue while standard
 * ones coalesce. All deliveries are recorded in order and printed. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static char log_buf[256];
static volatile int log_len;
static void note(char c) { if (log_len < 255) log_buf[log_len++] = c; log_buf[log_len] = 0; }
static void reset(void) { log_len = 0; log_buf[0] = 0; }

static volatile int depth, max_depth;

static void on_usr1(int sig) {
    (void) sig;
    note('1');
    if (++depth > max_depth) max_depth = depth;
    if (depth < 3) raise(SIGUSR2);
    depth--;
}
static void on_usr2(int sig) { (void) sig; note('2'); }
static volatile int calls;
static void on_self(int sig) {
    note('s');
    if (++depth > max_depth) max_depth = depth;
    if (++calls < 3) raise(sig);
    depth--;
}
static void on_rt(int sig, siginfo_t *si, void *c) { (void) c; note(sig == SIGRTMIN ? 'r' : '?'); note('0' + si->si_value.sival_int); }

static void set_handler(int sig, void (*fn)(int), int flags, int masked) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (masked) sigaddset(&sa.sa_mask, masked);
    CHECK(sigaction(sig, &sa, NULL) == 0);
}

static int is_blocked(int sig) {
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

int main(void) {
    sigset_t set, old, pend;
    /* 1. nesting: USR1's handler raises USR2, which runs inside it */
    set_handler(SIGUSR1, on_usr1, 0, 0);
    set_handler(SIGUSR2, on_usr2, 0, 0);
    reset();
    raise(SIGUSR1);
    printf("nested: %s\n", log_buf);
    CHECK(strcmp(log_buf, "12") == 0);

    /* 2. sa_mask: USR2 blocked while USR1's handler runs, delivered right after it */
    set_handler(SIGUSR1, on_usr1, 0, SIGUSR2);
    reset();
    raise(SIGUSR1);
    printf("with sa_mask: %s\n", log_buf);
    CHECK(strcmp(log_buf, "12") == 0);

    /* 3. blocked until unmasked; two raises of a standard signal coalesce */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    reset();
    raise(SIGUSR2);
    raise(SIGUSR2);
    sigpending(&pend);
    printf("blocked: log='%s' pending=%d\n", log_buf, sigismember(&pend, SIGUSR2));
    CHECK(log_len == 0 && sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: log='%s'\n", log_buf);
    CHECK(strcmp(log_buf, "2") == 0);

    /* 4. without SA_NODEFER a handler's own signal waits; with it, it nests */
    set_handler(SIGHUP, on_self, 0, 0);
    reset();
    max_depth = 0;
    calls = 0;
    raise(SIGHUP);
    printf("deferred self: %s max_depth=%d\n", log_buf, max_depth);
    CHECK(max_depth == 1 && strcmp(log_buf, "sss") == 0);
    set_handler(SIGHUP, on_self, SA_NODEFER, 0);
    reset();
    max_depth = 0;
    calls = 0;
    raise(SIGHUP);
    printf("nodefer self: %s max_depth=%d\n", log_buf, max_depth);
    CHECK(max_depth == 3 && strcmp(log_buf, "sss") == 0);

    /* 5. sigsuspend: USR2 pending and blocked, sigsuspend with an empty mask runs it and returns EINTR */
    sigprocmask(SIG_BLOCK, &set, &old);
    reset();
    raise(SIGUSR2);
    sigset_t none;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    printf("sigsuspend: r=%d log=%s still_blocked=%d\n", r, log_buf, is_blocked(SIGUSR2));
    CHECK(r == -1 && strcmp(log_buf, "2") == 0 && is_blocked(SIGUSR2));

    /* 6. sigtimedwait takes the blocked, pending signal without its handler */
    reset();
    raise(SIGUSR2);
    siginfo_t si;
    struct timespec ts = {1, 0};
    int got = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait: got=%d si_signo=%d code_tkill=%d log='%s'\n", got, si.si_signo, si.si_code == SI_TKILL, log_buf);
    CHECK(got == SIGUSR2 && si.si_signo == SIGUSR2 && log_len == 0);
    struct timespec zero = {0, 0};
    CHECK(sigtimedwait(&set, &si, &zero) == -1);
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* 7. real-time signals queue, each with its value */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, &old);
    reset();
    for (int i = 1; i <= 3; i++) sigqueue(getpid(), SIGRTMIN, (union sigval) { .sival_int = i });
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("queued rt: %s\n", log_buf);
    CHECK(strcmp(log_buf, "r1r2r3") == 0);
    printf("fails=%d\n", fails);
    return fails ? 1 : 3;
}
