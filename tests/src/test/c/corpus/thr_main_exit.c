/* The main thread ends with pthread_exit while a worker runs on: the process lives until
 * its last thread ends. The worker joins the main thread (which completes when the kernel
 * clears main's tid word and wakes its futex), then prints what main left behind and exits
 * the process. Exit status: 27. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_t main_thread;
static long shared_result;

static void *worker(void *arg) {
    void *ret;
    int r = pthread_join(main_thread, &ret);
    printf("worker: joined the main thread: %d, it returned %ld\n", r, (long) ret);
    printf("worker: main left %ld\n", shared_result);
    fflush(stdout);
    exit(27);
    return arg;
}

int main(void) {
    main_thread = pthread_self();
    pthread_t t;
    for (long i = 1; i <= 1000; i++) shared_result += i;
    printf("main: starting the worker, then pthread_exit\n");
    fflush(stdout);
    pthread_create(&t, NULL, worker, NULL);
    pthread_exit((void *) 42L);
}
