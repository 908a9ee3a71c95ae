/* libm: sqrt, sin, cos, tan, atan2, exp, log, log10, pow, fmod, hypot,
 * floor/ceil/round/trunc/rint, frexp/ldexp/modf, float and double versions,
 * with results printed at full precision and checked against identities.
 * Exit status: 0. */
#include <stdio.h>
#include <math.h>
#include <float.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)
#define NEAR(a, b, eps) (fabs((a) - (b)) <= (eps) * (1.0 + fabs(b)))

static volatile double xs[] = { 0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 10.0, 100.5, 1e-3, 1e6, 12345.678 };

int main(void) {
    int n = sizeof xs / sizeof xs[0];
    for (int i = 0; i < n; i++) {
        double x = xs[i];
        printf("x=%.17g sqrt=%.17g sin=%.17g cos=%.17g tan=%.17g\n", x, sqrt(x), sin(x), cos(x), tan(x));
        printf("   exp=%.17g log=%.17g log10=%.17g log2=%.17g cbrt=%.17g\n", exp(x > 700 ? 700 : x), log(x), log10(x), log2(x), cbrt(x));
        printf("   pow(x,2.5)=%.17g pow(2,x/10)=%.17g atan=%.17g atan2(x,-1)=%.17g hypot(x,3)=%.17g\n", pow(x, 2.5), pow(2.0, x / 10), atan(x), atan2(x, -1.0), hypot(x, 3.0));
        CHECK(NEAR(sin(x) * sin(x) + cos(x) * cos(x), 1.0, 1e-15));
        CHECK(x == 0 || NEAR(exp(log(x)), x, 1e-14));
        CHECK(NEAR(sqrt(x) * sqrt(x), x, 1e-15));
    }
    double r[] = { -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, -0.49999999999999994, 2.675, -7.3, 7.7, 1e300, -0.0 };
    for (int i = 0; i < 12; i++) {
        double v = r[i];
        printf("v=%g floor=%g ceil=%g round=%g trunc=%g rint=%g nearbyint=%g lround=%ld\n", v, floor(v), ceil(v), round(v), trunc(v), rint(v), nearbyint(v),
               fabs(v) < 1e18 ? lround(v) : 0L);
    }
    CHECK(floor(-2.5) == -3 && ceil(-2.5) == -2 && round(-2.5) == -3 && rint(-2.5) == -2 && trunc(-2.5) == -2);
    double fm[][2] = { { 10, 3 }, { -10, 3 }, { 10, -3 }, { 5.5, 1.25 }, { 1e20, 7 }, { 0.3, 0.1 } };
    for (int i = 0; i < 6; i++) printf("fmod(%g,%g)=%.17g remainder=%.17g\n", fm[i][0], fm[i][1], fmod(fm[i][0], fm[i][1]), remainder(fm[i][0], fm[i][1]));
    CHECK(fmod(-10, 3) == -1 && fmod(10, -3) == 1);
    int e;
    double m = frexp(1234.5, &e);
    double ip, fp = modf(-3.75, &ip);
    printf("frexp=%.17g,%d ldexp=%.17g modf=%g,%g scalbn=%g ilogb=%d\n", m, e, ldexp(m, e), ip, fp, scalbn(3.0, 10), ilogb(1e10));
    CHECK(ldexp(m, e) == 1234.5 && ip == -3 && fp == -0.75);

    /* float versions */
    for (float f = 0.125f; f < 100.0f; f *= 3.0f)
        printf("f=%.9g sqrtf=%.9g sinf=%.9g expf=%.9g logf=%.9g powf=%.9g floorf=%.9g\n", f, sqrtf(f), sinf(f), expf(f), logf(f), powf(f, 1.5f), floorf(f * 1.7f));
    CHECK(sqrtf(16.0f) == 4.0f);

    /* special values */
    volatile double zero = 0.0;
    double inf = 1 / zero, nan = zero / zero;
    printf("sqrt(-1) isnan=%d log(0)=%g exp(1000)=%g exp(-1000)=%g pow(0,0)=%g atan2(0,-0)=%g\n", isnan(sqrt(-1.0)), log(zero), exp(1000.0), exp(-1000.0), pow(zero, zero), atan2(zero, -zero));
    printf("isinf=%d isnan=%d isfinite=%d fpclassify(min/2)=%d copysign=%g fmax=%g fmin=%g\n", isinf(inf), isnan(nan), isfinite(1.0), fpclassify(DBL_MIN / 2) == FP_SUBNORMAL, copysign(3, -zero), fmax(nan, 2), fmin(-1, nan));
    double acc = 0;
    for (int i = 1; i <= 1000; i++) acc += sin(i) / i + sqrt((double) i) * 1e-3;
    printf("series=%.17g\n", acc);
    printf("fails=%d\n", fails);
    return fails;
}
