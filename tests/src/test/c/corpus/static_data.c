/* Static and global data: initialised .data (scalars, arrays, strings,
 * structs with pointers to other globals, function pointer tables), .rodata
 * constants, zero-initialised .bss (large arrays checked to be zero),
 * function-local statics, and writes that persist across calls.
 * Exit status: 21 on success. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

int g_int = 42;
long g_long = -1234567890123L;
double g_double = 2.5;
char g_str[] = "initialised global string";
const char *g_ptr = "pointer to rodata";
static const uint16_t table[16] = { 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987 };
static uint8_t bss_bytes[1 << 16];
uint64_t bss_words[4096];
static int counter_calls;

struct entry { const char *name; int *target; const struct entry *next; };
static int e_vals[3] = { 10, 20, 30 };
static const struct entry e3 = { "third", &e_vals[2], NULL };
static const struct entry e2 = { "second", &e_vals[1], &e3 };
static const struct entry e1 = { "first", &e_vals[0], &e2 };

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static int (*const fn_table[])(int) = { twice, square, twice };

static int counter(void) { static int n = 100; counter_calls++; return n++; }
static const char *names(int i) { static const char *const tbl[] = { "zero", "one", "two", "three" }; return tbl[i & 3]; }

int main(void) {
    printf("g_int=%d g_long=%ld g_double=%g g_str=%s g_ptr=%s\n", g_int, g_long, g_double, g_str, g_ptr);
    CHECK(g_int == 42 && g_long == -1234567890123L && g_double == 2.5);
    int zero = 1;
    for (size_t i = 0; i < sizeof bss_bytes; i++) zero &= bss_bytes[i] == 0;
    for (size_t i = 0; i < 4096; i++) zero &= bss_words[i] == 0;
    printf("bss zero=%d\n", zero);
    CHECK(zero);
    for (size_t i = 0; i < sizeof bss_bytes; i++) bss_bytes[i] = (uint8_t) (i * 7);
    for (size_t i = 0; i < 4096; i++) bss_words[i] = i * i * 0x9E3779B97F4A7C15ull;
    uint64_t h = 0;
    for (size_t i = 0; i < sizeof bss_bytes; i += 1000) h = h * 31 + bss_bytes[i];
    for (size_t i = 0; i < 4096; i += 100) h ^= bss_words[i];
    printf("bss hash=%016llx\n", (unsigned long long) h);
    int sum = 0; for (int i = 0; i < 16; i++) sum += table[i];
    printf("table sum=%d\n", sum);
    CHECK(sum == 2583);
    for (const struct entry *e = &e1; e; e = e->next) { *e->target += 1; printf("entry %s -> %d\n", e->name, *e->target); }
    for (int i = 0; i < 3; i++) printf("fn_table[%d](7)=%d\n", i, fn_table[i](7));
    for (int i = 0; i < 5; i++) printf("counter=%d name=%s\n", counter(), names(i));
    CHECK(counter() == 105 && counter_calls == 6);
    g_str[0] = 'I'; g_int += 1;
    strcat(g_str + 20, "!");
    printf("modified g_str=%s g_int=%d\n", g_str, g_int);
    printf("fails=%d\n", fails);
    return fails ? 1 : 21;
}
