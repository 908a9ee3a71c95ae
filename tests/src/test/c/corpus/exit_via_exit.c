/* Exit through exit() from deep inside the call stack with a status computed
 * from the work done; buffered stdout must be flushed by exit(), so a lot is
 * printed without explicit fflush. Code after the exit() call never runs.
 * Exit status: 16, computed from the results. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long collatz_len(unsigned long n) { unsigned long l = 1; while (n != 1) { n = n & 1 ? 3 * n + 1 : n / 2; l++; } return l; }

__attribute__((noinline)) static void finish(unsigned long best, unsigned long at, int depth) {
    if (depth > 0) { finish(best, at, depth - 1); printf("unreachable after exit\n"); return; }
    printf("longest collatz below 100000: %lu steps at %lu\n", best, at);
    /* 351 steps at n=77031: (351 + 77031) % 101 = 16 */
    int status = (int) ((best + at) % 101);
    printf("exiting with status %d (no fflush before exit)\n", status);
    exit(status);
}

int main(void) {
    unsigned long best = 0, at = 0;
    for (unsigned long n = 1; n < 100000; n++) {
        unsigned long l = collatz_len(n);
        if (l > best) { best = l; at = n; printf("new record: n=%lu length=%lu\n", n, l); }
    }
    for (int i = 0; i < 200; i++) printf("filler line %d to fill the stdio buffer: %08x\n", i, (unsigned) (i * 2654435761u));
    finish(best, at, 50);
    printf("unreachable in main\n");
    return 1;
}
