/* printf of doubles: %f %e %g %a (and upper-case forms) with precisions,
 * widths and flags; negative zero, subnormals, huge and tiny magnitudes,
 * infinities and NaN; rounding of halfway cases. Exit status: 9. */
#include <stdio.h>
#include <math.h>
#include <float.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static volatile double vals[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 3.14159265358979323846,
                                  2.718281828459045, 123456.789, -9876543.21, 1e-5, 1.5e-300, 4.9e-324, 2.2250738585072014e-308,
                                  1e21, 1e22, 1.7976931348623157e308, 6.02214076e23, 0.000123456789, 100.0, 1e15, 12345678901234567.0 };

int main(void) {
    int n = sizeof vals / sizeof vals[0];
    for (int i = 0; i < n; i++) {
        double v = vals[i];
        printf("%%f=[%f] %%.2f=[%.2f] %%e=[%e] %%.3E=[%.3E] %%g=[%g] %%.10g=[%.10g] %%G=[%G]\n", v, v, v, v, v, v, v);
        printf("   %%a=[%a] %%.3a=[%.3a] %%A=[%A] %%.17g=[%.17g] %%#g=[%#g] %%+.0f=[%+.0f] %%.0e=[%.0e]\n", v, v, v, v, v, v, v);
    }
    /* widths and flags */
    double w[] = { 3.5, -3.5, 0.0, 1234.5678 };
    for (int i = 0; i < 4; i++)
        printf("[%10.2f][%-10.2f][%+10.2f][% 10.2f][%010.2f][%#.0f][%12.4e][%-12.3g][%012g]\n", w[i], w[i], w[i], w[i], w[i], w[i], w[i], w[i], w[i]);
    for (int p = 0; p <= 20; p += 2) printf("pi %%.%df = %.*f | %%.%de = %.*e | %%.%dg = %.*g\n", p, p, M_PI, p, p, M_PI, p, p, M_PI);

    /* specials */
    volatile double zero = 0.0;
    double inf = 1.0 / zero, ninf = -1.0 / zero, nan = zero / zero;
    printf("inf=[%f][%e][%g][%a][%10f][%-10F] ninf=[%f][%E] nan=[%f][%G]\n", inf, inf, inf, inf, inf, inf, ninf, ninf, fabs(nan), fabs(nan));
    printf("negzero=[%f][%e][%g][%a] signbit=%d\n", -zero, -zero, -zero, -zero, signbit(-zero) != 0);
    /* rounding of halfway cases (round-half-even on the binary value) */
    double halves[] = { 0.5, 1.5, 2.5, 3.5, 0.125, 0.375, 2.675, 1.005, 1e-10, 5e-324 };
    for (int i = 0; i < 10; i++) printf("half %.17g -> [%.0f] [%.2f] [%.1e]\n", halves[i], halves[i], halves[i], halves[i]);

    /* float promoted through varargs */
    float fl = 1.1f, fl2 = 16777217.0f;
    printf("float %f %.10f %g %a %f\n", fl, fl, fl, fl, fl2);
    printf("DBL_MAX=%g DBL_MIN=%g DBL_EPSILON=%g FLT_MAX=%g FLT_EPSILON=%g\n", DBL_MAX, DBL_MIN, DBL_EPSILON, FLT_MAX, FLT_EPSILON);

    char buf[128];
    snprintf(buf, sizeof buf, "%.3f", 2.0 / 3.0);
    CHECK(strcmp(buf, "0.667") == 0);
    snprintf(buf, sizeof buf, "%g", 1e-5);
    CHECK(strcmp(buf, "1e-05") == 0);
    snprintf(buf, sizeof buf, "%.0f", 2.5);
    CHECK(strcmp(buf, "2") == 0);
    snprintf(buf, sizeof buf, "%f", 1e21);
    CHECK(strcmp(buf, "1000000000000000000000.000000") == 0);
    snprintf(buf, sizeof buf, "%e", 0.0);
    CHECK(strcmp(buf, "0.000000e+00") == 0);

    /* large %f output */
    printf("DBL_MAX %%f = %f\n", DBL_MAX);
    printf("2^-1074 %%.1074f tail: %s\n", (snprintf(buf, sizeof buf, "%.60f", 4.9e-324), buf));
    printf("fails=%d\n", fails);
    return fails ? 100 + fails : 9;
}
