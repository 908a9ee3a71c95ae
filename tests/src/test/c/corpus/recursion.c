/* Deep recursion: Ackermann, memoised and naive Fibonacci, Towers of Hanoi,
 * a 20000-deep non-tail recursion, mutual recursion, recursive permutations.
 * Exit status: 0 when every check passes. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static unsigned long calls;

__attribute__((noinline)) static unsigned long ack(unsigned long m, unsigned long n) {
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static uint64_t memo[100];
__attribute__((noinline)) static uint64_t fib_memo(int n) {
    if (n < 2) return (uint64_t) n;
    if (memo[n]) return memo[n];
    return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}

__attribute__((noinline)) static unsigned fib_naive(unsigned n) { return n < 2 ? n : fib_naive(n - 1) + fib_naive(n - 2); }

static int moves;
static char hanoi_log[4096];
static int hanoi_len;
__attribute__((noinline)) static void hanoi(int n, char from, char to, char via) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    if (hanoi_len < 4000) hanoi_len += sprintf(hanoi_log + hanoi_len, "%d%c%c ", n, from, to);
    hanoi(n - 1, via, to, from);
}

/* deep, non-tail recursion with a live frame (volatile array defeats TCO) */
__attribute__((noinline)) static long deep(long n) {
    volatile long pad[4];
    pad[0] = n; pad[1] = n * 3; pad[2] = n ^ 0x55; pad[3] = pad[0] + pad[2];
    if (n == 0) return 0;
    long r = deep(n - 1);
    return r + (pad[3] & 0xFF) + pad[1] % 7;
}

static int is_even(unsigned n);
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }

static int perm_count;
static void permute(char *s, int k, int n) {
    if (k == n) { perm_count++; if (perm_count <= 24 || perm_count % 97 == 0) printf("perm %d: %s\n", perm_count, s); return; }
    for (int i = k; i < n; i++) {
        char t = s[k]; s[k] = s[i]; s[i] = t;
        permute(s, k + 1, n);
        t = s[k]; s[k] = s[i]; s[i] = t;
    }
}

int main(void) {
    for (unsigned long m = 0; m <= 3; m++)
        for (unsigned long n = 0; n <= (m == 3 ? 5 : 6); n++) {
            calls = 0;
            unsigned long a = ack(m, n);
            printf("ack(%lu,%lu)=%lu calls=%lu\n", m, n, a, calls);
        }
    CHECK(ack(2, 3) == 9 && ack(3, 5) == 253);
    for (int i = 0; i <= 90; i += 6) printf("fib(%d)=%llu\n", i, (unsigned long long) fib_memo(i));
    CHECK(fib_memo(90) == 2880067194370816120ull);
    unsigned fn = fib_naive(24);
    printf("fib_naive(24)=%u\n", fn);
    CHECK(fn == 46368);
    hanoi(10, 'A', 'C', 'B');
    printf("hanoi moves=%d\n%.300s\n", moves, hanoi_log);
    CHECK(moves == 1023);
    long d = deep(20000);
    printf("deep(20000)=%ld\n", d);
    printf("is_even(10001)=%d is_odd(9999)=%d\n", is_even(10001), is_odd(9999));
    CHECK(!is_even(10001) && is_odd(9999));
    char s[] = "abcdef";
    permute(s, 0, 6);
    printf("perms=%d\n", perm_count);
    CHECK(perm_count == 720);
    printf("fails=%d\n", fails);
    return fails;
}
