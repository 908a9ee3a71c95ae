/* switch statements: dense ranges compiled to jump tables, sparse values
 * compiled to binary-search trees, fall-through, and a state machine.
 * Exit status: 17 when every check passes. */
#include <stdio.h>
#include <stdint.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

__attribute__((noinline)) static int dense(int x) {
    switch (x) {
    case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41;
    case 4: return 53; case 5: return 67; case 6: return 71; case 7: return 83;
    case 8: return 97; case 9: return 101; case 10: return 113; case 11: return 127;
    case 12: return 131; case 13: return 149; case 14: return 151; case 15: return 163;
    default: return -1;
    }
}

__attribute__((noinline)) static const char *sparse(unsigned x) {
    switch (x) {
    case 1: return "one"; case 10: return "ten"; case 100: return "hundred";
    case 1000: return "thousand"; case 65536: return "64k"; case 1000000: return "million";
    case 0x7FFFFFFF: return "intmax"; case 0xFFFFFFFF: return "uintmax"; case 12345: return "12345";
    case 777: return "777"; case 4096: return "4096";
    default: return "other";
    }
}

__attribute__((noinline)) static int fallthrough(int x) {
    int r = 0;
    switch (x) {
    case 5: r += 1; /* fall through */
    case 4: r += 10; /* fall through */
    case 3: r += 100; break;
    case 2: r += 1000; /* fall through */
    case 1: r += 10000; break;
    default: r = -x;
    }
    return r;
}

__attribute__((noinline)) static int64_t negative_range(int64_t x) {
    switch (x) {
    case -5: return 500; case -4: return 400; case -3: return 300; case -2: return 200;
    case -1: return 100; case 0: return 0; case 1: return -100; case 2: return -200;
    case 3: return -300; case 4: return -400;
    default: return x * 1000;
    }
}

__attribute__((noinline)) static char classify(char c) {
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return 'V';
    case '0' ... '9': return 'D';
    case ' ': case '\t': case '\n': return 'S';
    case 'A' ... 'Z': return 'U';
    default: return (c >= 'a' && c <= 'z') ? 'C' : '?';
    }
}

/* a tokenizer state machine driven by a switch in a loop */
static int count_tokens(const char *s, int *numbers, int *words) {
    enum { START, IN_NUM, IN_WORD } st = START;
    int tokens = 0;
    for (;; s++) {
        char c = *s;
        switch (st) {
        case START:
            if (c >= '0' && c <= '9') { st = IN_NUM; tokens++; (*numbers)++; }
            else if ((c | 32) >= 'a' && (c | 32) <= 'z') { st = IN_WORD; tokens++; (*words)++; }
            break;
        case IN_NUM:
            if (!(c >= '0' && c <= '9')) st = START;
            break;
        case IN_WORD:
            if (!((c | 32) >= 'a' && (c | 32) <= 'z')) st = START;
            break;
        }
        if (!c) break;
    }
    return tokens;
}

int main(void) {
    int sum = 0;
    for (volatile int i = -3; i < 20; i++) { int d = dense(i); sum += d; printf("dense(%d)=%d\n", i, d); }
    CHECK(sum == 1411);
    static const unsigned probes[] = { 0, 1, 2, 10, 99, 100, 1000, 4096, 12345, 65536, 777, 1000000, 0x7FFFFFFF, 0xFFFFFFFF, 42 };
    for (int i = 0; i < (int) (sizeof probes / sizeof probes[0]); i++) printf("sparse(%u)=%s\n", probes[i], sparse(probes[i]));
    for (volatile int i = 0; i < 8; i++) printf("fallthrough(%d)=%d\n", i, fallthrough(i));
    CHECK(fallthrough(5) == 111 && fallthrough(2) == 11000 && fallthrough(7) == -7);
    int64_t ns = 0;
    for (volatile int64_t i = -7; i <= 6; i++) { ns += negative_range(i); printf("neg(%lld)=%lld\n", (long long) i, (long long) negative_range(i)); }
    CHECK(ns == 500 + 400 + 300 + 200 + 100 - 100 - 200 - 300 - 400 + (-7 - 6 + 5 + 6) * 1000);
    const char *text = "The quick brown fox jumps over 13 lazy dogs at 9 o'clock, 2024 times!\n";
    char cls[128]; int n = 0;
    for (const char *p = text; *p; p++) cls[n++] = classify(*p);
    cls[n] = 0;
    printf("classes=%s\n", cls);
    int nums = 0, words = 0;
    int t = count_tokens(text, &nums, &words);
    printf("tokens=%d numbers=%d words=%d\n", t, nums, words);
    CHECK(t == 15 && nums == 3 && words == 12);
    printf("fails=%d\n", fails);
    return fails ? 100 + fails : 17;
}
