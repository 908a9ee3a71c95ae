/* stdio conversions in both directions: sprintf/snprintf round trips,
 * sscanf of ints/hex/octal/floats/strings/char classes/%n, strtol/strtoul/
 * strtoll with bases 0/2/8/16/36 and end pointers, overflow clamping (ERANGE),
 * strtod of decimal/hex/exponent/inf/nan, atoi/atol/atof.
 * Exit status: 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    const char *nums[] = { "0", "42", "-17", "  +99xyz", "0x1F", "0777", "0b101", "zz", "9223372036854775807", "9223372036854775808",
                           "-9223372036854775809", "4294967296", "  -0", "1e5", "0x", "   12 34" };
    for (int i = 0; i < 16; i++) {
        char *end; errno = 0;
        long v = strtol(nums[i], &end, 0);
        int e1 = errno; errno = 0;
        unsigned long u = strtoul(nums[i], NULL, 10);
        int e2 = errno;
        long b16 = strtol(nums[i], NULL, 16), b36 = strtol(nums[i], NULL, 36), b2 = strtol(nums[i], NULL, 2);
        printf("'%s': strtol0=%ld end+%ld erange=%d strtoul=%lu erange=%d b16=%ld b36=%ld b2=%ld atoi=%d\n", nums[i], v, (long) (end - nums[i]), e1 == ERANGE, u,
               e2 == ERANGE, b16, b36, b2, atoi(nums[i]));
    }
    errno = 0;
    CHECK(strtol("9223372036854775808", NULL, 10) == LONG_MAX && errno == ERANGE);
    CHECK(strtoll("-0x8000000000000000", NULL, 16) == LLONG_MIN);
    CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);

    const char *dbls[] = { "3.14159", "-2.5e-3", "1e308", "1e309", "4.9e-324", "0x1.8p3", "inf", "-Infinity", "nan", ".5", "5.", "1,5", "  +7.25e+2abc", "0.1" };
    for (int i = 0; i < 14; i++) {
        char *end;
        double d = strtod(dbls[i], &end);
        float f = strtof(dbls[i], NULL);
        printf("strtod('%s')=%.17g end+%ld strtof=%.9g atof=%g\n", dbls[i], d, (long) (end - dbls[i]), f, atof(dbls[i]));
    }
    CHECK(strtod("0x1.8p3", NULL) == 12.0);

    /* sscanf */
    int a, b, n1, n2; unsigned x; char word[32], rest[64]; double d; float f; char c;
    int k = sscanf("  12 -34 ff", "%d %d %x", &a, &b, &x);
    printf("sscanf1 k=%d a=%d b=%d x=%u\n", k, a, b, x);
    CHECK(k == 3 && a == 12 && b == -34 && x == 255);
    k = sscanf("name=jx86 ver=0.1 flag=Y tail text", "name=%31s ver=%lf flag=%c%n %63[^\n]%n", word, &d, &c, &n1, rest, &n2);
    printf("sscanf2 k=%d word=%s d=%g c=%c n1=%d rest=%s n2=%d\n", k, word, d, c, n1, rest, n2);
    CHECK(k == 4 && strcmp(word, "jx86") == 0 && c == 'Y');
    k = sscanf("2024-07-15T10:20:30.5", "%d-%d-%dT%*d:%*d:%f", &a, &b, &n1, &f);
    printf("sscanf3 k=%d %d %d %d %.2f\n", k, a, b, n1, f);
    k = sscanf("abc123def", "%[a-z]%d%s", word, &a, rest);
    printf("sscanf4 k=%d %s %d %s\n", k, word, a, rest);
    k = sscanf("0x1A 017 -0", "%i %i %i", &a, &b, &n1);
    printf("sscanf5 k=%d %d %d %d\n", k, a, b, n1);
    CHECK(a == 26 && b == 15 && n1 == 0);
    k = sscanf("", "%d", &a);
    printf("sscanf empty k=%d\n", k);
    long long ll; unsigned long long ull; short sh; signed char hh;
    k = sscanf("-9000000000 18000000000000000000 -300 -5", "%lld %llu %hd %hhd", &ll, &ull, &sh, &hh);
    printf("sscanf6 k=%d %lld %llu %hd %hhd\n", k, ll, ull, sh, hh);

    /* sprintf round trips */
    char buf[128];
    for (int i = -3; i <= 3; i++) {
        double v = i * 1234.5678 / 7.0;
        snprintf(buf, sizeof buf, "%.17g", v);
        double back = strtod(buf, NULL);
        CHECK(back == v);
        long lv = (long) i * 1000000007L;
        snprintf(buf, sizeof buf, "%ld", lv);
        CHECK(strtol(buf, NULL, 10) == lv);
        printf("round trip %s\n", buf);
    }
    printf("atol=%ld atoll=%lld\n", atol("  -123456789012"), atoll("9000000000000000000"));
    printf("fails=%d\n", fails);
    return fails;
}
