/* Mutexes, condition variables (a bounded producer/consumer queue), rwlocks and barriers.
 * Every consumed item is summed; the sums and counts are exact only if the
 * synchronisation works. Exit status: 22. */
#include <pthread.h>
#include <stdio.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); return 1; } } while (0)
#define QN 8
#define ITEMS 20000
#define PRODUCERS 3
#define CONSUMERS 3

static int queue[QN], head, tail, count;
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum[CONSUMERS], consumed_n[CONSUMERS];

static void *producer(void *arg) {
    int id = (int) (long) arg;
    for (int i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&qlock);
        while (count == QN) pthread_cond_wait(&not_full, &qlock);
        queue[tail] = id * ITEMS + i + 1;
        tail = (tail + 1) % QN;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qlock);
    }
    return NULL;
}

static void *consumer(void *arg) {
    int id = (int) (long) arg;
    for (;;) {
        pthread_mutex_lock(&qlock);
        while (count == 0) pthread_cond_wait(&not_empty, &qlock);
        int v = queue[head];
        head = (head + 1) % QN;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qlock);
        if (v < 0) return NULL;    /* poison pill */
        consumed_sum[id] += v;
        consumed_n[id]++;
    }
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long table[64];
static long reads_ok[4];

static void *rw_writer(void *arg) {
    for (int round = 1; round <= 3000; round++) {
        pthread_rwlock_wrlock(&rw);
        for (int i = 0; i < 64; i++) table[i] = round;   /* all equal while unlocked */
        pthread_rwlock_unlock(&rw);
    }
    return arg;
}

static void *rw_reader(void *arg) {
    int id = (int) (long) arg;
    for (int k = 0; k < 3000; k++) {
        pthread_rwlock_rdlock(&rw);
        int same = 1;
        for (int i = 1; i < 64; i++) same &= table[i] == table[0];
        pthread_rwlock_unlock(&rw);
        reads_ok[id] += same;
    }
    return NULL;
}

static pthread_barrier_t barrier;
static int phase_data[4][5];

static void *phased(void *arg) {
    int id = (int) (long) arg;
    for (int phase = 0; phase < 5; phase++) {
        phase_data[id][phase] = phase * 10 + id;
        int r = pthread_barrier_wait(&barrier);
        /* after the barrier every thread's entry for this phase is written */
        for (int j = 0; j < 4; j++) if (phase_data[j][phase] != phase * 10 + j) return (void *) 1L;
        (void) r;
        pthread_barrier_wait(&barrier);
    }
    return NULL;
}

int main(void) {
    pthread_t p[PRODUCERS], c[CONSUMERS];
    for (long i = 0; i < CONSUMERS; i++) CHECK(pthread_create(&c[i], NULL, consumer, (void *) i) == 0);
    for (long i = 0; i < PRODUCERS; i++) CHECK(pthread_create(&p[i], NULL, producer, (void *) i) == 0);
    for (int i = 0; i < PRODUCERS; i++) CHECK(pthread_join(p[i], NULL) == 0);
    for (int i = 0; i < CONSUMERS; i++) {
        pthread_mutex_lock(&qlock);
        while (count == QN) pthread_cond_wait(&not_full, &qlock);
        queue[tail] = -1;
        tail = (tail + 1) % QN;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qlock);
    }
    long sum = 0, n = 0;
    for (int i = 0; i < CONSUMERS; i++) {
        CHECK(pthread_join(c[i], NULL) == 0);
        sum += consumed_sum[i];
        n += consumed_n[i];
    }
    long total = (long) PRODUCERS * ITEMS;
    long expect = total * (total + 1) / 2;
    printf("producer/consumer: %ld items, sum %ld (expected %ld)\n", n, sum, expect);
    CHECK(n == total && sum == expect);

    pthread_t w, r[4];
    CHECK(pthread_create(&w, NULL, rw_writer, NULL) == 0);
    for (long i = 0; i < 4; i++) CHECK(pthread_create(&r[i], NULL, rw_reader, (void *) i) == 0);
    CHECK(pthread_join(w, NULL) == 0);
    long good = 0;
    for (int i = 0; i < 4; i++) { CHECK(pthread_join(r[i], NULL) == 0); good += reads_ok[i]; }
    printf("rwlock: %ld of 12000 reads saw a consistent table, final value %ld\n", good, table[63]);
    CHECK(good == 12000 && table[0] == 3000);

    pthread_t b[4];
    CHECK(pthread_barrier_init(&barrier, NULL, 4) == 0);
    for (long i = 0; i < 4; i++) CHECK(pthread_create(&b[i], NULL, phased, (void *) i) == 0);
    for (int i = 0; i < 4; i++) { void *ret; CHECK(pthread_join(b[i], &ret) == 0); CHECK(ret == NULL); }
    pthread_barrier_destroy(&barrier);
    printf("barrier: 5 phases of 4 threads in step\n");

    pthread_mutex_t m;
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m, &a);
    CHECK(pthread_mutex_lock(&m) == 0);
    CHECK(pthread_mutex_lock(&m) != 0);      /* EDEADLK */
    CHECK(pthread_mutex_trylock(&m) != 0);
    CHECK(pthread_mutex_unlock(&m) == 0);
    printf("errorcheck mutex ok\n");
    return 22;
}
