/* CPU-time timers: setitimer ITIMER_VIRTUAL (SIGVTALRM) and ITIMER_PROF (SIGPROF), one-shot
 * and periodic, with getitimer; timer_create on CLOCK_PROCESS_CPUTIME_ID and
 * CLOCK_THREAD_CPUTIME_ID. Each timer is waited for by spinning on the CPU, and only whether
 * it fired (and counts, not times) is printed. Exit status: 49. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static volatile sig_atomic_t vt, prof, rt;
static volatile int last_code;

static void on_sig(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    last_code = si->si_code;
    if (sig == SIGVTALRM) vt++;
    else if (sig == SIGPROF) prof++;
    else rt++;
}

static void install(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(sig, &sa, NULL) == 0);
}

static double wall(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Burns CPU until *counter reaches n (or 20 s of wall time pass). */
static volatile unsigned long sink;
static void spin_until(volatile sig_atomic_t *counter, int n) {
    double start = wall();
    while (*counter < n && wall() - start < 20) {
        for (int i = 0; i < 100000; i++) sink += i;
    }
}

static void show_itimer(const char *what, int which) {
    struct itimerval v;
    CHECK(getitimer(which, &v) == 0);
    printf("%s: interval %ld.%06ld, value %s\n", what, (long) v.it_interval.tv_sec, (long) v.it_interval.tv_usec,
           v.it_value.tv_sec == 0 && v.it_value.tv_usec == 0 ? "0" : "running");
}

int main(void) {
    install(SIGVTALRM);
    install(SIGPROF);
    install(SIGRTMIN);

    /* ITIMER_VIRTUAL, one-shot 20 ms of user time. */
    struct itimerval it = {{0, 0}, {0, 20000}};
    CHECK(setitimer(ITIMER_VIRTUAL, &it, NULL) == 0);
    show_itimer("virtual armed", ITIMER_VIRTUAL);
    spin_until(&vt, 1);
    printf("SIGVTALRM: %d, si_code SI_KERNEL %d\n", vt, last_code == SI_KERNEL);
    show_itimer("virtual after", ITIMER_VIRTUAL);

    /* ITIMER_PROF, periodic 10 ms: three signals, then disarm. */
    it.it_interval.tv_usec = 10000;
    it.it_value.tv_usec = 10000;
    CHECK(setitimer(ITIMER_PROF, &it, NULL) == 0);
    spin_until(&prof, 3);
    struct itimerval off = {{0, 0}, {0, 0}}, old;
    CHECK(setitimer(ITIMER_PROF, &off, &old) == 0);
    printf("SIGPROF at least 3: %d, old interval %ld us\n", prof >= 3, (long) old.it_interval.tv_usec);
    show_itimer("prof disarmed", ITIMER_PROF);

    /* Sleeping does not count: a 50 ms virtual timer does not fire during a 100 ms sleep. */
    vt = 0;
    it.it_interval.tv_usec = 0;
    it.it_value.tv_usec = 50000;
    CHECK(setitimer(ITIMER_VIRTUAL, &it, NULL) == 0);
    struct timespec ts = {0, 100000000};
    nanosleep(&ts, NULL);
    printf("virtual timer during a sleep: %d\n", vt);
    CHECK(setitimer(ITIMER_VIRTUAL, &off, NULL) == 0);

    /* POSIX timers on the CPU clocks. */
    clockid_t clocks[2] = {CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
    for (int i = 0; i < 2; i++) {
        struct sigevent sev;
        memset(&sev, 0, sizeof sev);
        sev.sigev_notify = SIGEV_SIGNAL;
        sev.sigev_signo = SIGRTMIN;
        sev.sigev_value.sival_int = i;
        timer_t t;
        CHECK(timer_create(clocks[i], &sev, &t) == 0);
        struct itimerspec its = {{0, 0}, {0, 20000000}};
        rt = 0;
        CHECK(timer_settime(t, 0, &its, NULL) == 0);
        spin_until(&rt, 1);
        printf("%s timer: fired %d, SI_TIMER %d\n", i == 0 ? "process CPU" : "thread CPU", rt, last_code == SI_TIMER);
        CHECK(timer_delete(t) == 0);
    }
    int r = setitimer(7, &it, NULL);
    int e = errno;
    printf("bad which: %d %s\n", r, strerror(e));
    printf("done\n");
    return 49;
}
