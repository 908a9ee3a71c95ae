/* Prime sieves: a byte sieve of Eratosthenes to 10^6, a bit-packed odd-only
 * sieve, a segmented sieve over [10^9, 10^9 + 10^5), prime gaps, twin primes
 * and Goldbach decompositions; pi(10^k) checked. Exit status: the number of
 * primes below 1000 modulo 256 (168). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

enum { LIMIT = 1000000 };
static uint8_t composite[LIMIT + 1];
static uint64_t bits[(LIMIT / 2) / 64 + 1];
static int small_primes[80000];

int main(void) {
    composite[0] = composite[1] = 1;
    for (int i = 2; (long) i * i <= LIMIT; i++)
        if (!composite[i]) for (int j = i * i; j <= LIMIT; j += i) composite[j] = 1;
    int count = 0, twins = 0, maxgap = 0, gapat = 0, prev = 2;
    long long sum = 0;
    for (int i = 2; i <= LIMIT; i++) {
        if (composite[i]) continue;
        if (count < 80000) small_primes[count] = i;
        count++; sum += i;
        if (i - prev == 2) twins++;
        if (i - prev > maxgap) { maxgap = i - prev; gapat = prev; }
        prev = i;
        if (i == 97 || i == 997 || i == 9973 || i == 99991 || i == 999983) printf("largest prime below 10^k: %d (count so far %d)\n", i, count);
    }
    printf("pi(10^6)=%d sum=%lld twins=%d maxgap=%d after %d\n", count, sum, twins, maxgap, gapat);
    CHECK(count == 78498 && sum == 37550402023LL && maxgap == 114);
    int below1000 = 0;
    for (int i = 0; small_primes[i] < 1000; i++) below1000++;

    /* odd-only bit sieve */
    for (uint32_t i = 3; i * i <= LIMIT; i += 2)
        if (!(bits[(i / 2) / 64] >> ((i / 2) % 64) & 1))
            for (uint32_t j = i * i; j <= LIMIT; j += 2 * i) bits[(j / 2) / 64] |= 1ull << ((j / 2) % 64);
    int bcount = 1;
    for (uint32_t i = 3; i <= LIMIT; i += 2) bcount += !(bits[(i / 2) / 64] >> ((i / 2) % 64) & 1);
    printf("bit sieve pi(10^6)=%d\n", bcount);
    CHECK(bcount == count);
    int pk[7] = { 0 };
    for (int i = 0; i < count; i++) for (int k = 1, p = 10; k <= 6; k++, p *= 10) if (small_primes[i] < p) pk[k]++;
    for (int k = 1; k <= 6; k++) printf("pi(10^%d)=%d\n", k, pk[k]);
    CHECK(pk[1] == 4 && pk[2] == 25 && pk[3] == 168 && pk[4] == 1229 && pk[5] == 9592);

    /* segmented sieve */
    static uint8_t seg[100000];
    const long long lo = 1000000000LL, n = 100000;
    memset(seg, 0, sizeof seg);
    for (int i = 0; i < count; i++) {
        long long p = small_primes[i];
        if (p * p >= lo + n) break;
        long long start = (lo + p - 1) / p * p;
        for (long long j = start; j < lo + n; j += p) seg[j - lo] = 1;
    }
    int segc = 0; long long first = 0, last = 0;
    for (long long i = 0; i < n; i++) if (!seg[i]) { segc++; if (!first) first = lo + i; last = lo + i; }
    printf("primes in [1e9, 1e9+1e5): %d first=%lld last=%lld\n", segc, first, last);
    CHECK(first == 1000000007LL);

    /* Goldbach */
    for (int e = 4; e <= 100; e += 8) {
        int ways = 0, fp = 0;
        for (int i = 0; small_primes[i] <= e / 2; i++) if (!composite[e - small_primes[i]]) { ways++; if (!fp) fp = small_primes[i]; }
        printf("goldbach %d = %d + %d (%d ways)\n", e, fp, e - fp, ways);
    }
    printf("fails=%d\n", fails);
    return fails ? 255 : below1000 % 256;
}
