/* Signals and threads: thread-directed signals (pthread_kill) run the handler on the target
 * thread; a process-directed signal goes to the one thread not blocking it; threads blocked
 * in pthread_cond_wait, read of a pipe and nanosleep take a signal and resume correctly; a
 * SIGSEGV in a secondary thread is handled on that thread; sigwait in a dedicated thread.
 * Exit status: 33. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static volatile sig_atomic_t hits;
static pthread_t handled_on;      /* pthread_self() in the last SIGUSR1/SIGUSR2 handler */
static volatile int handled_sig;

static void on_signal(int sig) {
    handled_on = pthread_self();
    handled_sig = sig;
    hits++;
}

static void install(int sig, int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void wait_hits(int n) {
    while (hits < n) sched_yield();
}

static void pause_ms(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

static void block(int sig, int how) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    CHECK(pthread_sigmask(how, &s, NULL) == 0);
}

/* 1: pthread_kill runs the handler on the target thread. */
static volatile int stop_spin;

static void *spinner(void *arg) {
    (void) arg;
    while (!stop_spin) sched_yield();
    return NULL;
}

static void test_pthread_kill(void) {
    pthread_t t;
    stop_spin = 0;
    hits = 0;
    CHECK(pthread_create(&t, NULL, spinner, NULL) == 0);
    CHECK(pthread_kill(t, SIGUSR1) == 0);
    wait_hits(1);
    printf("pthread_kill: handler on target %d, sig %d\n", pthread_equal(handled_on, t) != 0, handled_sig);
    stop_spin = 1;
    CHECK(pthread_join(t, NULL) == 0);
}

/* 2: SIGUSR2 blocked in every thread but one: kill() of the process reaches that one. */
static sem_t ready2;
static volatile int stop_idle;

static void *idle_blocking(void *arg) {
    (void) arg;
    sem_post(&ready2);
    while (!stop_idle) pause_ms(1);
    return NULL;
}

static void *receiver(void *arg) {
    (void) arg;
    block(SIGUSR2, SIG_UNBLOCK);
    sem_post(&ready2);
    while (hits < 1) pause_ms(1);
    return NULL;
}

static void test_one_unblocked(void) {
    pthread_t idle[2], r;
    hits = 0;
    stop_idle = 0;
    block(SIGUSR2, SIG_BLOCK);   /* inherited by every thread created below */
    sem_init(&ready2, 0, 0);
    for (int i = 0; i < 2; i++) CHECK(pthread_create(&idle[i], NULL, idle_blocking, NULL) == 0);
    CHECK(pthread_create(&r, NULL, receiver, NULL) == 0);
    for (int i = 0; i < 3; i++) sem_wait(&ready2);
    CHECK(kill(getpid(), SIGUSR2) == 0);
    CHECK(pthread_join(r, NULL) == 0);
    printf("kill: taken by the only unblocking thread %d, sig %d\n", pthread_equal(handled_on, r) != 0,
           handled_sig);
    stop_idle = 1;
    for (int i = 0; i < 2; i++) CHECK(pthread_join(idle[i], NULL) == 0);
    sigset_t pending;
    sigpending(&pending);
    printf("kill: still pending in main %d\n", sigismember(&pending, SIGUSR2));
    block(SIGUSR2, SIG_UNBLOCK);
}

/* 3: a thread in pthread_cond_wait takes a signal and still waits for its predicate. */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int waiting, predicate, woke_with;

static void *cond_waiter(void *arg) {
    (void) arg;
    pthread_mutex_lock(&m);
    waiting = 1;
    while (!predicate) pthread_cond_wait(&cv, &m);
    woke_with = predicate;
    pthread_mutex_unlock(&m);
    return NULL;
}

static void test_cond_wait(void) {
    pthread_t t;
    hits = 0;
    CHECK(pthread_create(&t, NULL, cond_waiter, NULL) == 0);
    for (;;) {   /* once the waiter set waiting and we hold the mutex, it is inside pthread_cond_wait */
        pthread_mutex_lock(&m);
        int w = waiting;
        pthread_mutex_unlock(&m);
        if (w) break;
        sched_yield();
    }
    CHECK(pthread_kill(t, SIGUSR1) == 0);
    wait_hits(1);
    int on_waiter = pthread_equal(handled_on, t) != 0;
    pthread_mutex_lock(&m);
    predicate = 7;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    CHECK(pthread_join(t, NULL) == 0);
    printf("cond_wait: handler on waiter %d, woke with %d\n", on_waiter, woke_with);
}

/* 4: a thread blocked in read of a pipe: with SA_RESTART the read goes on, without it fails with EINTR. */
static int pipefd[2];
static volatile int reading;
static char got[16];
static int eintr_seen, read_n;

static void *pipe_reader(void *arg) {
    int restart = (int) (long) arg;
    memset(got, 0, sizeof got);
    reading = 1;
    ssize_t n;
    if (restart) {
        n = read(pipefd[0], got, sizeof got - 1);
    } else {
        while ((n = read(pipefd[0], got, sizeof got - 1)) < 0 && errno == EINTR) eintr_seen = 1;
    }
    read_n = (int) n;
    return NULL;
}

static void test_pipe_read(int restart) {
    pthread_t t;
    hits = 0;
    reading = 0;
    eintr_seen = 0;
    install(SIGUSR1, restart ? SA_RESTART : 0);
    CHECK(pipe(pipefd) == 0);
    CHECK(pthread_create(&t, NULL, pipe_reader, (void *) (long) restart) == 0);
    while (!reading) sched_yield();
    pause_ms(100);   /* let it block in read */
    CHECK(pthread_kill(t, SIGUSR1) == 0);
    wait_hits(1);
    int on_reader = pthread_equal(handled_on, t) != 0;
    pause_ms(20);
    CHECK(write(pipefd[1], "hello", 5) == 5);
    CHECK(pthread_join(t, NULL) == 0);
    printf("pipe read (%s): handler on reader %d, read %d \"%s\"\n", restart ? "SA_RESTART" : "no restart",
           on_reader, read_n, got);
    close(pipefd[0]);
    close(pipefd[1]);
    install(SIGUSR1, 0);
}

/* 5: nanosleep in a thread fails with EINTR after the handler, with the time left in rem. */
static volatile int sleeping;
static int sleep_ret, sleep_errno, rem_ok;

static void *sleeper(void *arg) {
    (void) arg;
    struct timespec req = {20, 0}, rem = {0, 0};
    sleeping = 1;
    sleep_ret = nanosleep(&req, &rem);
    sleep_errno = errno;
    rem_ok = rem.tv_sec > 0 && rem.tv_sec <= 20;
    return NULL;
}

static void test_nanosleep(void) {
    pthread_t t;
    hits = 0;
    sleeping = 0;
    CHECK(pthread_create(&t, NULL, sleeper, NULL) == 0);
    while (!sleeping) sched_yield();
    pause_ms(100);
    CHECK(pthread_kill(t, SIGUSR1) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    printf("nanosleep: handler on sleeper %d, ret %d errno %s, rem in (0, 20] %d\n",
           pthread_equal(handled_on, t) != 0, sleep_ret, sleep_errno == EINTR ? "EINTR" : "other", rem_ok);
}

/* 6: SIGSEGV in a secondary thread, handled on that thread, which recovers with siglongjmp. */
static __thread sigjmp_buf *recover;
static pthread_t segv_on;
static void *segv_addr;

static void on_segv(int sig, siginfo_t *si, void *uc) {
    (void) sig;
    (void) uc;
    segv_on = pthread_self();
    segv_addr = si->si_addr;
    if (recover == NULL) _exit(3);
    siglongjmp(*recover, 1);
}

static void *faulter(void *arg) {
    (void) arg;
    sigjmp_buf jb;
    recover = &jb;
    if (sigsetjmp(jb, 1) == 0) {
        *(volatile int *) 0x10 = 1;
        return (void *) 1;
    }
    return (void *) 2;
}

static void test_segv(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
    pthread_t t;
    void *res;
    CHECK(pthread_create(&t, NULL, faulter, NULL) == 0);
    CHECK(pthread_join(t, &res) == 0);
    printf("SIGSEGV: handled on faulting thread %d, si_addr %p, recovered %d\n", pthread_equal(segv_on, t) != 0,
           segv_addr, res == (void *) 2);
}

/* 7: every thread blocks SIGHUP and SIGTERM; a dedicated thread takes them with sigwait. */
static void *waiter_thread(void *arg) {
    sigset_t *set = arg;
    static int seen[3];
    for (int i = 0; i < 3; i++) {
        int sig;
        if (sigwait(set, &sig) != 0) return NULL;
        seen[i] = sig;
    }
    return seen;
}

static void test_sigwait(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, waiter_thread, &set) == 0);
    pause_ms(50);
    CHECK(kill(getpid(), SIGTERM) == 0);
    pause_ms(50);
    CHECK(kill(getpid(), SIGHUP) == 0);
    pause_ms(50);
    CHECK(pthread_kill(t, SIGTERM) == 0);
    int *seen;
    CHECK(pthread_join(t, (void **) &seen) == 0);
    CHECK(seen != NULL);
    printf("sigwait: %s %s %s\n", strsignal(seen[0]), strsignal(seen[1]), strsignal(seen[2]));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    install(SIGUSR1, 0);
    install(SIGUSR2, 0);
    test_pthread_kill();
    test_one_unblocked();
    test_cond_wait();
    test_pipe_read(1);
    test_pipe_read(0);
    test_nanosleep();
    test_segv();
    test_sigwait();
    printf("done\n");
    return 33;
}
