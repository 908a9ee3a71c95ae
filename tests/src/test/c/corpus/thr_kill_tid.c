/* kill() and tgkill() with the id of a secondary thread: kill(tid) sends to the whole thread
 * group (a thread that does not block the signal takes it, not necessarily the named one);
 * tgkill with a tgid that is not the thread's process fails with ESRCH; the id of a thread
 * that has ended is ESRCH for kill, tkill and tgkill. Exit status: 41. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static volatile sig_atomic_t hits;
static volatile pid_t handled_tid;
static volatile int handled_code, handled_pid_ok;

static pid_t my_tid(void) { return (pid_t) syscall(SYS_gettid); }

static int tgkill_(pid_t tgid, pid_t tid, int sig) { return (int) syscall(SYS_tgkill, tgid, tid, sig); }
static int tkill_(pid_t tid, int sig) { return (int) syscall(SYS_tkill, tid, sig); }

static void on_usr(int sig, siginfo_t *si, void *uc) {
    (void) sig; (void) uc;
    handled_tid = my_tid();
    handled_code = si->si_code;
    handled_pid_ok = si->si_pid == getpid();
    hits++;
}

static sem_t started, release;
static volatile pid_t worker_tid;
static volatile int worker_blocks;

static void *worker(void *arg) {
    (void) arg;
    if (worker_blocks) {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGUSR1);
        CHECK(pthread_sigmask(SIG_BLOCK, &s, NULL) == 0);
    }
    worker_tid = my_tid();
    sem_post(&started);
    while (sem_wait(&release) != 0) {}
    return NULL;
}

static void wait_hits(int n) {
    for (long i = 0; hits < n && i < 200000000L; i++) sched_yield();
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
    sem_init(&started, 0, 0);
    sem_init(&release, 0, 0);

    /* 1: the worker blocks SIGUSR1; kill(worker_tid) reaches the process, and main takes it. */
    pthread_t t;
    worker_blocks = 1;
    CHECK(pthread_create(&t, NULL, worker, NULL) == 0);
    while (sem_wait(&started) != 0) {}
    pid_t tid = worker_tid;
    CHECK(tid != getpid());
    printf("kill(tid, 0) = %d\n", kill(tid, 0));
    hits = 0;
    CHECK(kill(tid, SIGUSR1) == 0);
    wait_hits(1);
    printf("kill(tid, SIGUSR1): handled %d, on main %d, si_code SI_USER %d, si_pid ok %d\n",
           hits, handled_tid == getpid(), handled_code == SI_USER, handled_pid_ok);

    /* 2: tgkill's checks. */
    errno = 0;
    printf("tgkill(pid, tid, 0) = %d\n", tgkill_(getpid(), tid, 0));
    errno = 0;
    int r = tgkill_(tid, tid, 0);
    printf("tgkill(tid, tid, 0) = %d %s\n", r, r ? strerror(errno) : "");
    errno = 0;
    r = tgkill_(tid, getpid(), 0);
    printf("tgkill(tid, pid, 0) = %d %s\n", r, r ? strerror(errno) : "");
    errno = 0;
    r = tgkill_(getpid(), tid, -1);
    printf("tgkill(pid, tid, -1) = %d %s\n", r, r ? strerror(errno) : "");
    errno = 0;
    r = tgkill_(0, tid, 0);
    printf("tgkill(0, tid, 0) = %d %s\n", r, r ? strerror(errno) : "");
    /* tgkill to the blocked worker stays pending for it alone. */
    hits = 0;
    CHECK(tgkill_(getpid(), tid, SIGUSR1) == 0);
    struct timespec ms = {0, 20000000};
    nanosleep(&ms, NULL);
    printf("tgkill to a thread blocking it: handled %d\n", hits);

    sem_post(&release);
    CHECK(pthread_join(t, NULL) == 0);

    /* 3: a thread that ended: its id no longer names anything (the kernel may need a moment to release it). */
    int kr = 0, tr = 0, gr = 0;
    for (int i = 0; i < 1000; i++) {
        kr = kill(tid, 0) == -1 && errno == ESRCH;
        tr = tkill_(tid, 0) == -1 && errno == ESRCH;
        gr = tgkill_(getpid(), tid, 0) == -1 && errno == ESRCH;
        if (kr && tr && gr) break;
        nanosleep(&ms, NULL);
    }
    printf("after the thread ended: kill ESRCH %d, tkill ESRCH %d, tgkill ESRCH %d\n", kr, tr, gr);

    /* 4: a worker not blocking SIGUSR1: kill(its tid) is handled by exactly one thread of the process. */
    worker_blocks = 0;
    CHECK(pthread_create(&t, NULL, worker, NULL) == 0);
    while (sem_wait(&started) != 0) {}
    tid = worker_tid;
    hits = 0;
    handled_tid = 0;
    CHECK(kill(tid, SIGUSR1) == 0);
    wait_hits(1);
    printf("kill(tid) with nobody blocking: handled %d, by a thread of this process %d\n", hits,
           handled_tid == getpid() || handled_tid == tid);
    /* tkill(tid) runs the handler on that thread. */
    hits = 0;
    CHECK(tkill_(tid, SIGUSR1) == 0);
    wait_hits(1);
    printf("tkill(tid): handled %d, on the worker %d\n", hits, handled_tid == tid);
    sem_post(&release);
    CHECK(pthread_join(t, NULL) == 0);
    printf("done\n");
    return 41;
}
