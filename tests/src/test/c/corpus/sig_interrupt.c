/* Blocking system calls interrupted by signals from a real-time interval timer
 * (setitimer ITIMER_REAL, every 20 ms): read on an empty pipe fails with EINTR when
 * the SIGALRM handler has no SA_RESTART, and is restarted with SA_RESTART (the
 * handler writes the byte the restarted read then returns); nanosleep returns
 * EINTR and writes a plausible remaining time; pause returns after the handler;
 * alarm and getitimer report the time left. Only relations are printed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static int fds[2];
static volatile int alarms, feed;

static void on_alarm(int sig) {
    (void) sig;
    alarms++;
    if (feed) { char c = 'x'; write(fds[1], &c, 1); }
}

static void handler(int restart) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
}

/* Periodic, so that a slow run where the first expiry comes before the call blocks
 * still gets interrupted by the next one; disarmed after each step. */
static void arm_ms(long ms) {
    struct itimerval it = { {ms / 1000, (ms % 1000) * 1000}, {ms / 1000, (ms % 1000) * 1000} };
    CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
}

static void disarm(void) {
    struct itimerval off = { {0, 0}, {0, 0} };
    CHECK(setitimer(ITIMER_REAL, &off, NULL) == 0);
}

int main(void) {
    CHECK(pipe(fds) == 0);
    char c = 0;

    handler(0);
    alarms = 0;
    arm_ms(20);
    ssize_t n = read(fds[0], &c, 1);
    int e = errno;
    disarm();
    printf("read without SA_RESTART: n=%zd EINTR=%d alarmed=%d\n", n, e == EINTR, alarms >= 1);
    CHECK(n == -1 && e == EINTR && alarms >= 1);

    handler(1);
    alarms = 0;
    feed = 1;
    arm_ms(20);
    n = read(fds[0], &c, 1);
    feed = 0;
    disarm();
    printf("read with SA_RESTART: n=%zd c=%c alarmed=%d\n", n, c, alarms >= 1);
    CHECK(n == 1 && c == 'x' && alarms >= 1);
    while (alarms > 1) { alarms--; CHECK(read(fds[0], &c, 1) == 1); } /* bytes of later expiries */

    handler(1); /* nanosleep is never restarted after a handler, SA_RESTART or not */
    alarms = 0;
    arm_ms(20);
    struct timespec req = {5, 0}, rem = {0, 0};
    int r = nanosleep(&req, &rem);
    e = errno;
    disarm();
    printf("nanosleep: r=%d EINTR=%d rem_plausible=%d alarmed=%d\n", r, e == EINTR,
           rem.tv_sec >= 3 && rem.tv_sec <= 4, alarms >= 1);
    CHECK(r == -1 && e == EINTR && rem.tv_sec >= 3 && rem.tv_sec < 5 && alarms >= 1);

    alarms = 0;
    arm_ms(20);
    r = pause();
    e = errno;
    disarm();
    printf("pause: r=%d EINTR=%d alarmed=%d\n", r, e == EINTR, alarms >= 1);
    CHECK(r == -1 && e == EINTR && alarms >= 1);

    /* a periodic timer: three expiries, then disarm; getitimer shows it armed */
    alarms = 0;
    struct itimerval it = { {0, 10000}, {0, 10000} }, cur;
    CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
    CHECK(getitimer(ITIMER_REAL, &cur) == 0);
    printf("periodic armed: interval_us=%ld value_ok=%d\n", (long) cur.it_interval.tv_usec,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 10000);
    while (alarms < 3) pause();
    struct itimerval off = { {0, 0}, {0, 0} };
    CHECK(setitimer(ITIMER_REAL, &off, &cur) == 0);
    printf("periodic: at_least_3=%d old_interval_us=%ld\n", alarms >= 3, (long) cur.it_interval.tv_usec);
    CHECK(alarms >= 3 && cur.it_interval.tv_usec == 10000);

    /* a busy loop with no system calls is interrupted too (the engine checks between blocks) */
    alarms = 0;
    arm_ms(20);
    unsigned long spins = 0;
    while (!alarms) spins++;
    disarm();
    printf("busy loop interrupted: alarmed=%d\n", alarms >= 1);

    /* alarm(): the previous alarm's seconds left, rounded */
    CHECK(alarm(5) == 0);
    unsigned left = alarm(0);
    printf("alarm left: %u\n", left);
    CHECK(left == 5);
    CHECK(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    printf("fails=%d\n", fails);
    return fails ? 1 : 4;
}
