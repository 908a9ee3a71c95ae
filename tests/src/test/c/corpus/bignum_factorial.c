/* Big-number arithmetic in base 10^9 limbs: 100! and 1000! exactly,
 * 2^1000, Fibonacci(1000), multiplication and addition of big numbers,
 * digit sums checked against known values. Exit status: 100!'s digit sum
 * modulo 256 (648 % 256 = 136). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

#define BASE 1000000000u
enum { MAXL = 400 };
typedef struct { uint32_t d[MAXL]; int n; } big;

static void big_set(big *a, uint32_t v) { memset(a, 0, sizeof *a); a->d[0] = v % BASE; a->d[1] = v / BASE; a->n = a->d[1] ? 2 : 1; }
static void big_mul_small(big *a, uint32_t m) {
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) { uint64_t t = (uint64_t) a->d[i] * m + carry; a->d[i] = (uint32_t) (t % BASE); carry = t / BASE; }
    while (carry) { a->d[a->n++] = (uint32_t) (carry % BASE); carry /= BASE; }
}
static void big_add(big *r, const big *a, const big *b) {
    big t; memset(&t, 0, sizeof t);
    uint32_t carry = 0; int n = a->n > b->n ? a->n : b->n;
    for (int i = 0; i < n; i++) { uint32_t s = a->d[i] + b->d[i] + carry; carry = s >= BASE; t.d[i] = s - (carry ? BASE : 0); }
    t.n = n; if (carry) t.d[t.n++] = 1;
    *r = t;
}
static void big_mul(big *r, const big *a, const big *b) {
    static uint64_t acc[2 * MAXL];
    memset(acc, 0, sizeof acc);
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->n || carry; j++) {
            uint64_t cur = acc[i + j] + carry + (j < b->n ? (uint64_t) a->d[i] * b->d[j] : 0);
            acc[i + j] = cur % BASE; carry = cur / BASE;
        }
    }
    big t; memset(&t, 0, sizeof t);
    int n = a->n + b->n;
    for (int i = 0; i < n; i++) t.d[i] = (uint32_t) acc[i];
    while (n > 1 && t.d[n - 1] == 0) n--;
    t.n = n; *r = t;
}
static int big_str(const big *a, char *out) {
    int len = sprintf(out, "%u", a->d[a->n - 1]);
    for (int i = a->n - 2; i >= 0; i--) len += sprintf(out + len, "%09u", a->d[i]);
    return len;
}
static int digit_sum(const char *s) { int t = 0; while (*s) t += *s++ - '0'; return t; }

static char buf[4000];
static big a, b, c;

int main(void) {
    big_set(&a, 1);
    int ds100 = 0;
    for (uint32_t i = 1; i <= 1000; i++) {
        big_mul_small(&a, i);
        if (i == 25 || i == 50 || i == 100) { int len = big_str(&a, buf); int ds = digit_sum(buf); printf("%u! = %s (%d digits, digit sum %d)\n", i, buf, len, ds); if (i == 100) ds100 = ds; }
    }
    int len = big_str(&a, buf);
    printf("1000! has %d digits, digit sum %d, leading %.20s, limbs %d\n", len, digit_sum(buf), buf, a.n);
    CHECK(ds100 == 648 && len == 2568 && digit_sum(buf) == 10539);

    big_set(&a, 1);
    for (int i = 0; i < 1000; i++) big_mul_small(&a, 2);
    len = big_str(&a, buf);
    printf("2^1000 = %s\n(%d digits, digit sum %d)\n", buf, len, digit_sum(buf));
    CHECK(digit_sum(buf) == 1366);

    big_set(&a, 0); big_set(&b, 1);
    for (int i = 0; i < 1000; i++) { big_add(&c, &a, &b); a = b; b = c; }
    len = big_str(&a, buf);
    printf("fib(1000) = %s (%d digits)\n", buf, len);
    CHECK(len == 209);

    /* (10^50 + 7) * (3^100) */
    big_set(&a, 1); for (int i = 0; i < 100; i++) big_mul_small(&a, 3);
    big_set(&b, 1); for (int i = 0; i < 50; i++) big_mul_small(&b, 10);
    big seven; big_set(&seven, 7); big_add(&b, &b, &seven);
    big_mul(&c, &a, &b);
    big_str(&c, buf);
    printf("3^100 * (10^50+7) = %s\n", buf);
    big_mul(&c, &a, &a);
    len = big_str(&c, buf);
    printf("3^200 = %s (%d digits)\n", buf, len);
    CHECK(len == 96);
    printf("fails=%d\n", fails);
    return fails ? 255 : ds100 % 256;
}
