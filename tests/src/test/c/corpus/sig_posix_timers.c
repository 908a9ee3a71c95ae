/* POSIX timers and timerfds: timer_create with SIGEV_SIGNAL (si_code SI_TIMER, si_value,
 * si_timerid), the default sigevent (SIGALRM with the timer id as value), SIGEV_NONE,
 * SIGEV_THREAD_ID to a chosen thread, SIGEV_THREAD (the libc's helper thread), periodic
 * timers whose signal waits (si_overrun and timer_getoverrun count the missed periods),
 * timer_gettime, absolute CLOCK_REALTIME expiry, timer_delete and the errors; timerfd reads,
 * poll, gettime and errors. Only coarse facts about elapsed time are printed. Exit status: 47. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)
#define MS 1000000L
#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid /* older glibc headers */
#endif

static volatile sig_atomic_t hits;
static volatile int got_code, got_value, got_timerid, got_overrun, got_sig;
static volatile pid_t got_tid;

static pid_t my_tid(void) { return (pid_t) syscall(SYS_gettid); }

static void on_timer(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    got_sig = sig;
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
    got_timerid = si->si_timerid;
    got_overrun = si->si_overrun;
    got_tid = my_tid();
    hits++;
}

static void install(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, ms % 1000 * MS};
    while (nanosleep(&ts, &ts) != 0) {}
}

static void wait_hits(int n) {
    for (int i = 0; hits < n && i < 10000; i++) sleep_ms(1);
}

static void arm(timer_t t, long value_ns, long interval_ns, int flags) {
    struct itimerspec its = {{interval_ns / 1000000000L, interval_ns % 1000000000L},
                             {value_ns / 1000000000L, value_ns % 1000000000L}};
    CHECK(timer_settime(t, flags, &its, NULL) == 0);
}

static void res(const char *what, long r) {
    int e = errno;
    printf("%s: %ld %s\n", what, r, r < 0 ? strerror(e) : "");
}

/* SIGEV_THREAD_ID target */
static volatile pid_t worker_tid;
static volatile int worker_stop;
static void *worker(void *arg) {
    (void) arg;
    worker_tid = my_tid();
    while (!worker_stop) sleep_ms(1);
    return NULL;
}

/* SIGEV_THREAD callback */
static volatile int thread_calls, thread_value;
static void on_thread_timer(union sigval v) {
    thread_value = v.sival_int;
    thread_calls++;
}

int main(void) {
    install(SIGUSR1);
    install(SIGALRM);
    install(SIGRTMIN + 1);

    /* 1: one-shot SIGEV_SIGNAL on CLOCK_MONOTONIC. */
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 77;
    timer_t t1;
    CHECK(timer_create(CLOCK_MONOTONIC, &sev, &t1) == 0);
    struct itimerspec cur;
    CHECK(timer_gettime(t1, &cur) == 0);
    printf("new timer: value %ld.%09ld interval %ld.%09ld\n", (long) cur.it_value.tv_sec, cur.it_value.tv_nsec,
           (long) cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    hits = 0;
    arm(t1, 20 * MS, 0, 0);
    CHECK(timer_gettime(t1, &cur) == 0);
    printf("armed: 0 < value <= 20ms %d, interval 0 %d\n",
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 20 * MS,
           cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0);
    wait_hits(1);
    printf("one-shot: hits %d sig %d SI_TIMER %d value %d timerid matches %d overrun %d\n", hits, got_sig,
           got_code == SI_TIMER, got_value, got_timerid == (int) (intptr_t) t1, got_overrun);
    CHECK(timer_gettime(t1, &cur) == 0);
    printf("after expiry: value %ld.%09ld\n", (long) cur.it_value.tv_sec, cur.it_value.tv_nsec);
    printf("getoverrun: %d\n", timer_getoverrun(t1));

    /* 2: periodic, signal blocked: overruns pile up until it is taken. */
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);
    arm(t1, 5 * MS, 5 * MS, 0);
    sleep_ms(60);
    siginfo_t si;
    CHECK(sigwaitinfo(&usr1, &si) == SIGUSR1);
    int orun = si.si_overrun;
    printf("periodic, blocked 60ms: SI_TIMER %d value %d overrun >= 5 %d, getoverrun same %d\n",
           si.si_code == SI_TIMER, si.si_value.sival_int, orun >= 5, timer_getoverrun(t1) == orun);
    CHECK(timer_gettime(t1, &cur) == 0);
    printf("periodic gettime: interval %ld ns, 0 < value <= 5ms %d\n", cur.it_interval.tv_nsec,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 5 * MS);
    /* it goes on after the delivery */
    CHECK(sigwaitinfo(&usr1, &si) == SIGUSR1);
    printf("periodic again: SI_TIMER %d\n", si.si_code == SI_TIMER);
    struct itimerspec off = {{0, 0}, {0, 0}}, old;
    CHECK(timer_settime(t1, 0, &off, &old) == 0);
    printf("disarm: old interval %ld ns\n", old.it_interval.tv_nsec);
    CHECK(sigprocmask(SIG_UNBLOCK, &usr1, NULL) == 0);

    /* 3: no sigevent: SIGALRM carrying the timer id. */
    timer_t t2;
    CHECK(timer_create(CLOCK_REALTIME, NULL, &t2) == 0);
    hits = 0;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long abs_ns = (now.tv_nsec + 30 * MS);
    struct itimerspec at = {{0, 0}, {now.tv_sec + abs_ns / 1000000000L, abs_ns % 1000000000L}};
    CHECK(timer_settime(t2, TIMER_ABSTIME, &at, NULL) == 0);
    wait_hits(1);
    printf("default sigevent, absolute realtime: hits %d sig %d SI_TIMER %d value is the id %d\n", hits,
           got_sig, got_code == SI_TIMER, got_value == got_timerid);
    CHECK(timer_delete(t2) == 0);

    /* 4: SIGEV_NONE: nothing is sent; gettime counts down. */
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_NONE;
    timer_t t3;
    CHECK(timer_create(CLOCK_MONOTONIC, &sev, &t3) == 0);
    arm(t3, 1000 * MS, 0, 0);
    CHECK(timer_gettime(t3, &cur) == 0);
    printf("SIGEV_NONE: 0.5s < value <= 1s %d\n", cur.it_value.tv_sec == 1 && cur.it_value.tv_nsec == 0
           || cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 500 * MS);
    arm(t3, 10 * MS, 0, 0);
    hits = 0;
    sleep_ms(30);
    CHECK(timer_gettime(t3, &cur) == 0);
    printf("SIGEV_NONE expired: value %ld.%09ld hits %d\n", (long) cur.it_value.tv_sec, cur.it_value.tv_nsec, hits);
    arm(t3, 10 * MS, 10 * MS, 0);
    sleep_ms(35);
    CHECK(timer_gettime(t3, &cur) == 0);
    printf("SIGEV_NONE periodic: 0 < value <= 10ms %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0
           && cur.it_value.tv_nsec <= 10 * MS);
    CHECK(timer_delete(t3) == 0);

    /* 5: SIGEV_THREAD_ID: the signal goes to the chosen thread. */
    pthread_t th;
    CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
    while (!worker_tid) sleep_ms(1);
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGRTMIN + 1;
    sev.sigev_notify_thread_id = worker_tid;
    sev.sigev_value.sival_int = 5;
    timer_t t4;
    CHECK(timer_create(CLOCK_MONOTONIC, &sev, &t4) == 0);
    hits = 0;
    arm(t4, 10 * MS, 0, 0);
    wait_hits(1);
    printf("SIGEV_THREAD_ID: hits %d on the worker %d value %d\n", hits, got_tid == worker_tid, got_value);
    CHECK(timer_delete(t4) == 0);
    worker_stop = 1;
    CHECK(pthread_join(th, NULL) == 0);

    /* 6: SIGEV_THREAD: the libc runs the function in a thread of its own. */
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = on_thread_timer;
    sev.sigev_value.sival_int = 99;
    timer_t t5;
    CHECK(timer_create(CLOCK_MONOTONIC, &sev, &t5) == 0);
    arm(t5, 10 * MS, 0, 0);
    for (int i = 0; thread_calls < 1 && i < 10000; i++) sleep_ms(1);
    printf("SIGEV_THREAD: calls %d value %d\n", thread_calls, thread_value);
    CHECK(timer_delete(t5) == 0);

    /* 7: errors. */
    timer_t bad;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    res("unknown clock", syscall(SYS_timer_create, 123, &sev, &bad));
    sev.sigev_signo = 0;
    res("signal 0", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &bad));
    sev.sigev_signo = 65;
    res("signal 65", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &bad));
    sev.sigev_signo = SIGUSR1;
    sev.sigev_notify = 99;
    res("notify 99", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &bad));
    int kid;
    CHECK(syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &kid) == 0);
    struct itimerspec badv = {{0, 0}, {0, 1000000000L}};
    res("nsec 1e9", syscall(SYS_timer_settime, kid, 0, &badv, NULL));
    CHECK(syscall(SYS_timer_delete, kid) == 0);
    res("settime deleted", syscall(SYS_timer_settime, kid, 0, &off, NULL));
    res("gettime deleted", syscall(SYS_timer_gettime, kid, &cur));
    res("getoverrun deleted", syscall(SYS_timer_getoverrun, kid));
    res("delete deleted", syscall(SYS_timer_delete, kid));

    /* 8: timerfd. */
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    CHECK(tfd >= 0);
    uint64_t ticks;
    res("timerfd unarmed read", read(tfd, &ticks, 8));
    struct itimerspec ts = {{0, 0}, {0, 300 * MS}}; /* long enough for the next poll to come first */
    CHECK(timerfd_settime(tfd, 0, &ts, NULL) == 0);
    struct pollfd pfd = {tfd, POLLIN, 0};
    printf("timerfd poll before expiry: %d\n", poll(&pfd, 1, 0));
    int pr = poll(&pfd, 1, 5000);
    printf("timerfd poll waiting: %d revents 0x%x\n", pr, pfd.revents);
    res("timerfd read", read(tfd, &ticks, 8));
    printf("ticks %llu\n", (unsigned long long) ticks);
    res("timerfd read again", read(tfd, &ticks, 8));
    res("timerfd short read", read(tfd, &ticks, 4));
    struct itimerspec g;
    CHECK(timerfd_gettime(tfd, &g) == 0);
    printf("timerfd one-shot after expiry: value %ld.%09ld\n", (long) g.it_value.tv_sec, g.it_value.tv_nsec);
    /* periodic, blocking read */
    int btfd = timerfd_create(CLOCK_REALTIME, 0);
    ts.it_interval.tv_nsec = 5 * MS;
    ts.it_value.tv_nsec = 5 * MS;
    CHECK(timerfd_settime(btfd, 0, &ts, NULL) == 0);
    sleep_ms(30);
    CHECK(read(btfd, &ticks, 8) == 8);
    printf("periodic timerfd after 30ms: ticks >= 5 %d\n", ticks >= 5);
    CHECK(read(btfd, &ticks, 8) == 8);
    printf("blocking read: ticks >= 1 %d\n", ticks >= 1);
    CHECK(timerfd_gettime(btfd, &g) == 0);
    printf("periodic gettime: interval %ld ns, 0 < value <= 5ms %d\n", g.it_interval.tv_nsec,
           g.it_value.tv_sec == 0 && g.it_value.tv_nsec > 0 && g.it_value.tv_nsec <= 5 * MS);
    struct itimerspec prev;
    CHECK(timerfd_settime(btfd, 0, &off, &prev) == 0);
    printf("disarm: previous interval %ld\n", prev.it_interval.tv_nsec);
    /* absolute */
    clock_gettime(CLOCK_REALTIME, &now);
    ts.it_interval.tv_nsec = 0;
    ts.it_value = now;
    ts.it_value.tv_sec -= 1;
    CHECK(timerfd_settime(btfd, TFD_TIMER_ABSTIME, &ts, NULL) == 0);
    CHECK(read(btfd, &ticks, 8) == 8);
    printf("absolute time in the past: ticks %llu\n", (unsigned long long) ticks);
    res("timerfd bad clock", timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0));
    res("timerfd bad flags", timerfd_create(CLOCK_MONOTONIC, 1));
    res("timerfd_settime on a pipe fd", timerfd_settime(0, 0, &ts, NULL));
    res("timerfd_settime bad flags", timerfd_settime(tfd, 8, &ts, NULL));
    close(tfd);
    close(btfd);
    printf("done\n");
    return 47;
}
