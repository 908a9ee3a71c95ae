/* Sorting with callbacks: libc qsort of 1M ints (three random arrays, then a descending re-sort) through a comparator function. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 1000000

static int cmp(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_desc(const void *a, const void *b) { return cmp(b, a); }

int main(void) {
    int *v = malloc(N * sizeof *v);
    uint32_t s = 42;
    uint64_t h = 0;
    for (int r = 0; r < 3; r++) {
        for (int i = 0; i < N; i++) { s = s * 1664525u + 1013904223u; v[i] = (int)(s >> 1) - (1 << 30); }
        qsort(v, N, sizeof *v, cmp);
        for (int i = 0; i < N; i++) h = h * 31 + (uint32_t)v[i];
    }
    qsort(v, N, sizeof *v, cmp_desc);
    for (int i = 0; i < N; i += 1000) h = h * 31 + (uint32_t)v[i];
    printf("qsort %016llx %d %d\n", (unsigned long long)h, v[0], v[N - 1]);
    free(v);
    return 0;
}
