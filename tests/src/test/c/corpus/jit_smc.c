/* Self-modifying code: machine code written into an mmap'd buffer, run in hot loops (so a
 * translator compiles it, loops and all), then rewritten in place, remapped, and switched
 * between writable and executable with mprotect; every result must follow the new code.
 * One copy of the function straddles a page boundary, so translations made from two pages
 * must be dropped when only the second page is written.
 * Exit status: 23 when every check passed, 1 otherwise. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

typedef int (*fn_t)(int);

/* int f(int n) { int a = 0; do a += IMM; while (--n); return a; }
 *   31 c0        xor eax, eax
 *   89 f9        mov ecx, edi
 * L:83 c0 IMM    add eax, imm8      (83 e8 IMM: sub eax, imm8)
 *   ff c9        dec ecx
 *   75 f9        jnz L
 *   c3           ret                                                    */
static const uint8_t loop_code[] = {0x31, 0xc0, 0x89, 0xf9, 0x83, 0xc0, 0x03, 0xff, 0xc9, 0x75, 0xf9, 0xc3};
enum { OPC = 5, IMM = 6 };

static uint8_t *place(uint8_t *buf, size_t off) {
    memcpy(buf + off, loop_code, sizeof loop_code);
    return buf + off;
}

/* Calls f(n) `times` times and returns the sum of the results. */
static long hot(fn_t f, int n, int times) {
    long s = 0;
    for (int i = 0; i < times; i++) s += f(n);
    return s;
}

int main(void) {
    size_t size = 3 * 4096;
    uint8_t *buf = mmap(0, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) { printf("mmap failed\n"); return 1; }

    /* 1. a loop inside one page, rewritten after it got hot */
    uint8_t *f = place(buf, 100);
    long s = hot((fn_t) f, 1000, 3000);
    printf("add 3: %ld\n", s);
    CHECK(s == 3L * 1000 * 3000);
    f[IMM] = 5;
    s = hot((fn_t) f, 1000, 3000);
    printf("add 5: %ld\n", s);
    CHECK(s == 5L * 1000 * 3000);
    f[OPC] = 0xe8; /* add -> sub: a different instruction at the same address */
    s = hot((fn_t) f, 1000, 3000);
    printf("sub 5: %ld\n", s);
    CHECK(s == -5L * 1000 * 3000);

    /* 2. the same loop straddling a page boundary: the immediate lies in the second page */
    uint8_t *g = place(buf, 4096 - 5);
    s = hot((fn_t) g, 700, 3000);
    printf("straddling add 3: %ld\n", s);
    CHECK(s == 3L * 700 * 3000);
    g[IMM] = 9;
    s = hot((fn_t) g, 700, 3000);
    printf("straddling add 9: %ld\n", s);
    CHECK(s == 9L * 700 * 3000);

    /* 3. a hot loop that patches the code it calls on every iteration */
    s = 0;
    long want = 0;
    for (int i = 0; i < 5000; i++) {
        f[IMM] = (uint8_t) (i & 0x3f);
        f[OPC] = (i & 1) ? 0xe8 : 0xc0;
        s += ((fn_t) f)(3);
        want += (i & 1) ? -3L * (i & 0x3f) : 3L * (i & 0x3f);
    }
    printf("patched every call: %ld\n", s);
    CHECK(s == want);

    /* 4. W^X: write while not executable, then flip to executable */
    CHECK(mprotect(buf, size, PROT_READ | PROT_WRITE) == 0);
    f[OPC] = 0xc0;
    f[IMM] = 7;
    CHECK(mprotect(buf, size, PROT_READ | PROT_EXEC) == 0);
    s = hot((fn_t) f, 1000, 3000);
    printf("after mprotect add 7: %ld\n", s);
    CHECK(s == 7L * 1000 * 3000);

    /* 5. unmap, map again at the same place, different code */
    CHECK(munmap(buf, size) == 0);
    uint8_t *again = mmap(buf, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(again == buf);
    f = place(again, 100);
    f[IMM] = 11;
    s = hot((fn_t) f, 1000, 3000);
    printf("remapped add 11: %ld\n", s);
    CHECK(s == 11L * 1000 * 3000);

    munmap(again, size);
    printf("%s\n", fails ? "FAILED" : "all passed");
    return fails ? 1 : 23;
}
