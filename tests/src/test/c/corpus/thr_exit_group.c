/* exit_group from a secondary thread while other threads are blocked: one waits on a
 * condition variable that is never signalled, one in pthread_join of a thread that never
 * ends, one spins in a loop; the exit status comes from the thread that calls exit().
 * Buffered stdout is flushed by exit(). Exit status: 24. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static volatile int started;
static volatile unsigned long spins;

static void *wait_forever(void *arg) {
    pthread_mutex_lock(&m);
    __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
    for (;;) pthread_cond_wait(&never, &m);
    return arg;
}

static void *spin_forever(void *arg) {
    __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
    for (;;) spins++;
    return arg;
}

static void *finisher(void *arg) {
    while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < 2) sched_yield();
    printf("finisher: exiting the whole process from a secondary thread\n");
    exit(24);
    return arg;
}

int main(void) {
    pthread_t a, b, c;
    printf("main: starting threads\n");
    pthread_create(&a, NULL, wait_forever, NULL);
    pthread_create(&b, NULL, spin_forever, NULL);
    pthread_create(&c, NULL, finisher, NULL);
    pthread_join(a, NULL);      /* never returns: a waits forever */
    printf("unreachable\n");
    return 1;
}
