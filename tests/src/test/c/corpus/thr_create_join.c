/* pthread_create/pthread_join with results, pthread_once, thread-local storage (__thread),
 * pthread_self/equal, and malloc/free in every thread at once. Each thread computes a sum over its own slice; the main thread
 * joins them in order and checks the totals. Exit status: 21. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); return 1; } } while (0)
#define NT 6

static __thread long tls_counter = 5;
static __thread char tls_name[16];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void init_once(void) { once_runs++; }

struct job { int id; long from, to; long result; long tls_seen; };

static void *work(void *arg) {
    struct job *j = arg;
    pthread_once(&once, init_once);
    snprintf(tls_name, sizeof tls_name, "worker-%d", j->id);
    long s = 0;
    for (long i = j->from; i < j->to; i++) { s += i * i % 1009; tls_counter++; }
    /* malloc from several threads at once: glibc gives each its own arena (mmap, mprotect,
       munmap of the address space all threads share). */
    long *blocks[500];
    for (int k = 0; k < 500; k++) {
        blocks[k] = malloc(64 + 16 * (k % 37));
        blocks[k][0] = k;
    }
    for (int k = 0; k < 500; k++) {
        if (blocks[k][0] != k) s = -1;
        free(blocks[k]);
    }
    j->result = s;
    j->tls_seen = tls_counter;   /* 5 + iterations: every thread starts from the initialiser */
    return (void *) (long) (j->id * 100 + (tls_name[7] - '0'));
}

int main(void) {
    pthread_t t[NT];
    struct job jobs[NT];
    long expect_total = 0;
    for (long i = 0; i < NT * 20000; i++) expect_total += i * i % 1009;
    for (int i = 0; i < NT; i++) {
        jobs[i] = (struct job) { i, i * 20000L, (i + 1) * 20000L, 0, 0 };
        CHECK(pthread_create(&t[i], NULL, work, &jobs[i]) == 0);
    }
    long total = 0;
    for (int i = 0; i < NT; i++) {
        void *ret;
        CHECK(pthread_join(t[i], &ret) == 0);
        printf("thread %d: sum %ld, tls %ld, returned %ld\n", i, jobs[i].result, jobs[i].tls_seen, (long) ret);
        CHECK((long) ret == i * 100 + i);
        CHECK(jobs[i].tls_seen == 5 + 20000);
        total += jobs[i].result;
    }
    CHECK(tls_counter == 5);        /* the main thread's copy is untouched */
    CHECK(once_runs == 1);
    CHECK(pthread_equal(pthread_self(), pthread_self()));
    printf("total %ld (expected %ld), once ran %d time(s)\n", total, expect_total, once_runs);
    CHECK(total == expect_total);

    /* A detached thread and a thread that ends with pthread_exit. */
    pthread_t d;
    CHECK(pthread_create(&d, NULL, work, &jobs[0]) == 0);
    CHECK(pthread_join(d, NULL) == 0);
    printf("ok\n");
    return 21;
}
