/* A suite of sorting algorithms (insertion, selection, shell, merge, quick,
 * heap, counting, radix, bubble) on several input shapes (random, sorted,
 * reversed, few distinct, organ pipe); each result verified and checksummed.
 * Exit status: 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

enum { N = 1200 };
static long comparisons;

static int less(int a, int b) { comparisons++; return a < b; }
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

static void insertion(int *a, int n) { for (int i = 1; i < n; i++) { int v = a[i], j = i - 1; while (j >= 0 && less(v, a[j])) { a[j + 1] = a[j]; j--; } a[j + 1] = v; } }
static void selection(int *a, int n) { for (int i = 0; i < n; i++) { int m = i; for (int j = i + 1; j < n; j++) if (less(a[j], a[m])) m = j; swap(&a[i], &a[m]); } }
static void bubble(int *a, int n) { for (int i = 0; i < n; i++) { int sw = 0; for (int j = 0; j + 1 < n - i; j++) if (less(a[j + 1], a[j])) { swap(&a[j], &a[j + 1]); sw = 1; } if (!sw) break; } }
static void shell(int *a, int n) { for (int g = n / 2; g > 0; g /= 2) for (int i = g; i < n; i++) { int v = a[i], j = i; while (j >= g && less(v, a[j - g])) { a[j] = a[j - g]; j -= g; } a[j] = v; } }
static int tmp[N];
static void merge_rec(int *a, int lo, int hi) {
    if (hi - lo < 2) return;
    int mid = (lo + hi) / 2;
    merge_rec(a, lo, mid); merge_rec(a, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) tmp[k++] = less(a[j], a[i]) ? a[j++] : a[i++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, sizeof(int) * (size_t) (hi - lo));
}
static void mergesort_(int *a, int n) { merge_rec(a, 0, n); }
static void quick_rec(int *a, int lo, int hi) {
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (less(a[mid], a[lo])) swap(&a[mid], &a[lo]);
        if (less(a[hi], a[lo])) swap(&a[hi], &a[lo]);
        if (less(a[hi], a[mid])) swap(&a[hi], &a[mid]);
        int p = a[mid], i = lo, j = hi;
        while (i <= j) { while (less(a[i], p)) i++; while (less(p, a[j])) j--; if (i <= j) { swap(&a[i], &a[j]); i++; j--; } }
        if (j - lo < hi - i) { quick_rec(a, lo, j); lo = i; } else { quick_rec(a, i, hi); hi = j; }
    }
}
static void quick(int *a, int n) { quick_rec(a, 0, n - 1); }
static void sift(int *a, int i, int n) { for (;;) { int l = 2 * i + 1, r = l + 1, m = i; if (l < n && less(a[m], a[l])) m = l; if (r < n && less(a[m], a[r])) m = r; if (m == i) return; swap(&a[i], &a[m]); i = m; } }
static void heap(int *a, int n) { for (int i = n / 2 - 1; i >= 0; i--) sift(a, i, n); for (int e = n - 1; e > 0; e--) { swap(&a[0], &a[e]); sift(a, 0, e); } }
static void counting(int *a, int n) {
    static int cnt[100000];
    memset(cnt, 0, sizeof cnt);
    for (int i = 0; i < n; i++) cnt[a[i]]++;
    int k = 0; for (int v = 0; v < 100000; v++) while (cnt[v]--) a[k++] = v;
}
static void radix(int *a, int n) {
    for (int shift = 0; shift < 32; shift += 8) {
        int count[257] = { 0 };
        for (int i = 0; i < n; i++) count[((unsigned) a[i] >> shift & 0xFF) + 1]++;
        for (int i = 0; i < 256; i++) count[i + 1] += count[i];
        for (int i = 0; i < n; i++) tmp[count[(unsigned) a[i] >> shift & 0xFF]++] = a[i];
        memcpy(a, tmp, sizeof(int) * (size_t) n);
    }
}

typedef void (*sorter)(int *, int);
static const struct { const char *name; sorter fn; } algos[] = {
    { "insertion", insertion }, { "selection", selection }, { "bubble", bubble }, { "shell", shell }, { "merge", mergesort_ },
    { "quick", quick }, { "heap", heap }, { "counting", counting }, { "radix", radix },
};

static unsigned rng = 99;
static int rnd(void) { rng = rng * 1664525u + 1013904223u; return (int) (rng >> 12) % 100000; }

int main(void) {
    static int input[N], work[N];
    const char *shapes[] = { "random", "sorted", "reversed", "fewdistinct", "organpipe" };
    uint64_t total = 0;
    for (int s = 0; s < 5; s++) {
        for (int i = 0; i < N; i++) {
            switch (s) {
            case 0: input[i] = rnd(); break;
            case 1: input[i] = i * 3; break;
            case 2: input[i] = (N - i) * 7; break;
            case 3: input[i] = rnd() % 5 * 1000; break;
            default: input[i] = i < N / 2 ? i : N - i; break;
            }
        }
        for (size_t a = 0; a < sizeof algos / sizeof algos[0]; a++) {
            memcpy(work, input, sizeof work);
            comparisons = 0;
            algos[a].fn(work, N);
            int ok = 1; uint64_t h = 0;
            for (int i = 0; i < N; i++) { if (i && work[i - 1] > work[i]) ok = 0; h = h * 31 + (uint64_t) work[i]; }
            CHECK(ok);
            total += h;
            printf("%-12s %-10s sorted=%d comparisons=%7ld min=%5d max=%5d hash=%016llx\n", shapes[s], algos[a].name, ok, comparisons, work[0], work[N - 1], (unsigned long long) h);
        }
    }
    printf("total=%016llx fails=%d\n", (unsigned long long) total, fails);
    return fails;
}
