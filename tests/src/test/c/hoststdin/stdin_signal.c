/* Run with stdin a pipe that stays open and never gets data (HostStdinSignalTest): a signal
 * interrupts a blocking read of it. Without SA_RESTART the read fails with EINTR; with
 * SA_RESTART it is restarted (the handler runs again and again while the read waits, until the
 * handler jumps out); a signal without handler that is ignored does not end the read either.
 * Exit status: 53. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static sigjmp_buf out;
static volatile int jump_after;

static void on_alarm(int s) {
    (void) s;
    hits++;
    if (jump_after && hits >= jump_after) siglongjmp(out, 1);
}

static void every(long us, int periodic) {
    struct itimerval it = {{0, periodic ? us : 0}, {0, us}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void install(int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

int main(void) {
    char buf[16];
    setvbuf(stdout, NULL, _IONBF, 0);

    /* 1: no SA_RESTART: EINTR. */
    install(0);
    every(100000, 0);
    ssize_t n = read(0, buf, sizeof buf);
    int e = errno;
    printf("read without SA_RESTART: %zd %s, handler ran %d\n", n, n < 0 ? strerror(e) : "", hits);

    /* 2: SA_RESTART: the read goes on after each handler; the third handler jumps out. */
    hits = 0;
    install(SA_RESTART);
    jump_after = 3;
    if (sigsetjmp(out, 1) == 0) {
        every(50000, 1);
        n = read(0, buf, sizeof buf);
        printf("read with SA_RESTART returned %zd (should not)\n", n);
    } else {
        every(0, 0);
        printf("read with SA_RESTART restarted: handler ran %d times\n", hits);
    }
    jump_after = 0;

    /* 3: again without SA_RESTART, to see the interrupted read left stdin usable. */
    hits = 0;
    install(0);
    every(50000, 0);
    n = read(0, buf, sizeof buf);
    e = errno;
    printf("read again: %zd %s, handler ran %d\n", n, n < 0 ? strerror(e) : "", hits);
    return 53;
}
