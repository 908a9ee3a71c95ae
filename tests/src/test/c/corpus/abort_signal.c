/* A guest that dies of a signal: prints (and flushes) a report, writes to
 * stderr, then calls abort(). The process must end with SIGABRT, which a
 * shell and jx86 report as exit status 128 + 6 = 134. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    unsigned h = 2166136261u;
    for (int i = 0; i < 1000; i++) { h = (h ^ (unsigned) i) * 16777619u; if (i % 100 == 0) printf("step %d hash %08x\n", i, h); }
    printf("about to abort\n");
    fflush(stdout);
    fprintf(stderr, "abort_signal: giving up on purpose\n");
    abort();
}
