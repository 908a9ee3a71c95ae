/* Many threads hammering shared memory: __atomic_fetch_add (LOCK XADD), LOCK ADD/INC/OR,
 * a LOCK CMPXCHG spinlock protecting a plain counter, CMPXCHG16B-free Treiber stack push/pop,
 * and byte-sized atomics. Every printed total is exact only if locked instructions are
 * atomic with respect to each other and to plain stores. Exit status: 23. */
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); return 1; } } while (0)
#define NT 8
#define N 200000

static long xadd_counter;
static int add_counter;
static unsigned char byte_counter[NT];
static short short_counter;
static unsigned long bits[NT];
static volatile int spin;
static long plain_counter;
static unsigned long xchg_token;

struct node { struct node *next; long value; };
static struct node nodes[NT][256];
static struct node *top;

static void lock(void) {
    int expected;
    do {
        expected = 0;
        while (spin) __builtin_ia32_pause();
    } while (!__atomic_compare_exchange_n(&spin, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
}

static void unlock(void) { __atomic_store_n(&spin, 0, __ATOMIC_RELEASE); }   /* a plain MOV */

static void push(struct node *n) {
    struct node *old = __atomic_load_n(&top, __ATOMIC_RELAXED);
    do n->next = old;
    while (!__atomic_compare_exchange_n(&top, &old, n, 1, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
}

static void *work(void *arg) {
    int id = (int) (long) arg;
    for (int i = 0; i < N; i++) {
        __atomic_fetch_add(&xadd_counter, 1, __ATOMIC_SEQ_CST);          /* lock xadd / lock add */
        __atomic_add_fetch(&add_counter, 3, __ATOMIC_RELAXED);           /* lock add */
        __atomic_fetch_add(&short_counter, 1, __ATOMIC_RELAXED);         /* lock add word */
        __atomic_fetch_add(&byte_counter[(id + 1) % NT], 1, __ATOMIC_RELAXED);   /* neighbours share words */
        if (i % 64 == 0) __atomic_fetch_or(&bits[(id + i / 64) % NT], 1UL << (i / 64 % 64), __ATOMIC_RELAXED);
        if (i % 4 == 0) {
            lock();
            plain_counter++;     /* not atomic: only the spinlock makes this exact */
            unlock();
        }
        if (i % 1000 == 0) __atomic_exchange_n(&xchg_token, (unsigned long) id, __ATOMIC_SEQ_CST);
    }
    for (int k = 0; k < 256; k++) {
        nodes[id][k].value = id * 1000 + k;
        push(&nodes[id][k]);
    }
    return NULL;
}

int main(void) {
    pthread_t t[NT];
    for (long i = 0; i < NT; i++) CHECK(pthread_create(&t[i], NULL, work, (void *) i) == 0);
    for (int i = 0; i < NT; i++) CHECK(pthread_join(t[i], NULL) == 0);
    printf("xadd counter %ld (expected %ld)\n", xadd_counter, (long) NT * N);
    printf("add counter %d (expected %d)\n", add_counter, 3 * NT * N);
    printf("short counter %d (expected %d)\n", short_counter, (short) (NT * N));
    int bytes_ok = 1;
    for (int i = 0; i < NT; i++) bytes_ok &= byte_counter[i] == (unsigned char) N;
    printf("byte counters %s (each %d)\n", bytes_ok ? "exact" : "WRONG", (unsigned char) N);
    printf("spinlock-protected counter %ld (expected %ld)\n", plain_counter, (long) NT * N / 4);
    CHECK(xadd_counter == (long) NT * N);
    CHECK(add_counter == 3 * NT * N);
    CHECK(short_counter == (short) (NT * N));
    CHECK(bytes_ok);
    CHECK(plain_counter == (long) NT * N / 4);
    CHECK(xchg_token < NT);
    unsigned long all = 0;
    for (int i = 0; i < NT; i++) all |= bits[i];
    printf("bits %lx\n", all);
    long count = 0, sum = 0;
    for (struct node *n = top; n; n = n->next) { count++; sum += n->value; }
    long expect = 0;
    for (int i = 0; i < NT; i++) for (int k = 0; k < 256; k++) expect += i * 1000 + k;
    printf("stack: %ld nodes, sum %ld (expected %d nodes, %ld)\n", count, sum, NT * 256, expect);
    CHECK(count == NT * 256 && sum == expect);
    return 23;
}
