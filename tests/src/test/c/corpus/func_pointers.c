/* Function pointers and callbacks: dispatch tables, callbacks with context,
 * returning function pointers, a visitor over an array, indirect tail calls.
 * Exit status: computed from the results (sum of the fold modulo 200). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

typedef long (*binop)(long, long);
static long add(long a, long b) { return a + b; }
static long sub(long a, long b) { return a - b; }
static long mul(long a, long b) { return a * b; }
static long maxl(long a, long b) { return a > b ? a : b; }
static long minl(long a, long b) { return a < b ? a : b; }
static long xorl(long a, long b) { return a ^ b; }

static const struct { const char *name; binop fn; } ops[] = {
    { "add", add }, { "sub", sub }, { "mul", mul }, { "max", maxl }, { "min", minl }, { "xor", xorl },
};

static long fold(const long *v, int n, long init, binop f) {
    long acc = init;
    for (int i = 0; i < n; i++) acc = f(acc, v[i]);
    return acc;
}

typedef void (*visitor)(void *ctx, int index, long value);
struct stats { long sum; long sumsq; int evens; char trace[256]; int tlen; };
static void collect(void *ctx, int index, long value) {
    struct stats *s = ctx;
    s->sum += value; s->sumsq += value * value; s->evens += (value & 1) == 0;
    s->tlen += snprintf(s->trace + s->tlen, sizeof s->trace - (size_t) s->tlen, "%d:%ld ", index, value);
}
static void each(const long *v, int n, visitor f, void *ctx) { for (int i = 0; i < n; i++) f(ctx, i, v[i]); }

static binop choose(const char *name) {
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) if (strcmp(ops[i].name, name) == 0) return ops[i].fn;
    return 0;
}

typedef int (*pred)(int);
static int is_prime(int n) { if (n < 2) return 0; for (int d = 2; d * d <= n; d++) if (n % d == 0) return 0; return 1; }
static int is_square(int n) { for (int r = 0; r * r <= n; r++) if (r * r == n) return 1; return 0; }
static int is_fib(int n) { int a = 0, b = 1; while (a < n) { int t = a + b; a = b; b = t; } return a == n; }
static int count_if(int lo, int hi, pred p) { int c = 0; for (int i = lo; i <= hi; i++) c += p(i); return c; }

/* mutual recursion through pointers */
static int even_p(unsigned n);
static int odd_p(unsigned n);
static int (*volatile ev)(unsigned) = even_p;
static int (*volatile od)(unsigned) = odd_p;
static int even_p(unsigned n) { return n == 0 ? 1 : od(n - 1); }
static int odd_p(unsigned n) { return n == 0 ? 0 : ev(n - 1); }

int main(void) {
    long v[12];
    for (int i = 0; i < 12; i++) v[i] = (i * 37 + 11) % 23 - 7;
    long result = 0;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        long r = fold(v, 12, i == 2 ? 1 : 0, ops[i].fn);
        printf("fold %s = %ld\n", ops[i].name, r);
        result += r;
    }
    struct stats st = { 0 };
    each(v, 12, collect, &st);
    printf("visit sum=%ld sumsq=%ld evens=%d\ntrace=%s\n", st.sum, st.sumsq, st.evens, st.trace);
    binop f = choose("mul"), g = choose("sub");
    CHECK(f && g && f(6, 7) == 42 && g(1, 10) == -9);
    CHECK(choose("nope") == 0);
    int primes = count_if(1, 500, is_prime), squares = count_if(0, 500, is_square), fibs = count_if(0, 500, is_fib);
    printf("primes=%d squares=%d fibs=%d\n", primes, squares, fibs);
    CHECK(primes == 95 && squares == 23 && fibs == 14);
    printf("even(1001)=%d odd(777)=%d\n", ev(1001), od(777));
    CHECK(!ev(1001) && od(777));
    volatile binop pick[3] = { add, mul, xorl };
    long acc = 1;
    for (int i = 0; i < 30; i++) acc = pick[i % 3](acc, i + 1) % 1000003;
    printf("mixed acc=%ld\n", acc);
    printf("fails=%d result=%ld\n", fails, result);
    return fails ? 255 : (int) ((result % 200 + 200) % 200);
}
