/* jx86-test: needs=x87
 * long double (80-bit x87 extended precision) arithmetic and printing:
 * %Lf %Le %Lg %La, precision beyond double, conversions to/from double and
 * integers, sqrtl/expl/logl/powl and x87 constants, LDBL_* limits.
 * Exit status: 80 on success. */
#include <stdio.h>
#include <math.h>
#include <float.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    volatile long double third = 1.0L / 3.0L;
    printf("1/3: %%Lf=%Lf %%.25Lf=%.25Lf %%Le=%Le %%Lg=%Lg %%.21Lg=%.21Lg %%La=%La\n", third, third, third, third, third, third);
    long double eps = LDBL_EPSILON;
    printf("LDBL_EPSILON=%Lg LDBL_MAX=%Lg LDBL_MIN=%Lg LDBL_MANT_DIG=%d sizeof=%zu\n", eps, LDBL_MAX, LDBL_MIN, LDBL_MANT_DIG, sizeof(long double));
    CHECK(LDBL_MANT_DIG == 64);
    volatile long double one = 1.0L;
    CHECK(one + eps != one);
    CHECK((double) (one + eps) == 1.0);
    /* 2^63 + 1 is exact in long double, not in double */
    volatile uint64_t big = (1ull << 63) + 1;
    long double lb = (long double) big;
    printf("2^63+1 as long double=%.0Lf as double=%.0f back=%llu\n", lb, (double) big, (unsigned long long) lb);
    CHECK((uint64_t) lb == big);
    volatile int64_t neg = -1234567890123456789LL;
    CHECK((int64_t) (long double) neg == neg);
    long double sum = 0;
    for (int i = 1; i <= 1000; i++) sum += 1.0L / ((long double) i * i);
    printf("sum 1/i^2 (1000)=%.20Lf\n", sum);
    long double pi = 4.0L * atanl(1.0L);
    printf("pi=%.21Lf sqrtl(2)=%.21Lf expl(1)=%.21Lf logl(10)=%.21Lf powl(2,0.5)=%.21Lf\n", pi, sqrtl(2.0L), expl(1.0L), logl(10.0L), powl(2.0L, 0.5L));
    printf("sinl(1)=%.20Lg cosl(1)=%.20Lg fabsl(-3)=%Lg floorl(-2.5)=%Lg ceill(2.1)=%Lg roundl(2.5)=%Lg fmodl(10,3)=%Lg\n", sinl(1.0L), cosl(1.0L), fabsl(-3.0L), floorl(-2.5L), ceill(2.1L), roundl(2.5L), fmodl(10.0L, 3.0L));
    CHECK(sqrtl(4.0L) == 2.0L && floorl(-2.5L) == -3.0L);
    /* factorials beyond double range */
    long double f = 1;
    for (int i = 1; i <= 1700; i++) { f *= i; if (i % 340 == 0) printf("%d! ~ %.15Le\n", i, f); }
    volatile long double zero = 0;
    long double inf = 1 / zero, nan = zero / zero;
    printf("inf=%Lf -inf=%Lf nan is nan=%d -0=%Lf isinf=%d\n", inf, -inf, nan != nan, -zero, isinf(inf));
    double d = 0.1;
    long double ld = d;
    printf("0.1 (double) widened: %.25Lf, 0.1L: %.25Lf, differ=%d\n", ld, 0.1L, ld != 0.1L);
    CHECK(ld != 0.1L);
    long double vals[] = { 0.0L, -0.0L, 1.5L, -1e400L, 1e-400L, 123456789.123456789L, 65504.0L };
    for (int i = 0; i < 7; i++) printf("[%Lf] [%.3Le] [%Lg] [%20.10Lg] [%-+12.2Lf]\n", vals[i], vals[i], vals[i], vals[i], vals[i]);
    unsigned char bytes[16] = { 0 };
    long double m1 = -1.0L;
    memcpy(bytes, (const void *) &m1, 10);
    printf("-1.0L bytes:"); for (int i = 0; i < 10; i++) printf(" %02x", bytes[i]); printf("\n");
    printf("fails=%d\n", fails);
    return fails ? 1 : 80;
}
