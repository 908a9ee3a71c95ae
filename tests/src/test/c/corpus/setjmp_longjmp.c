/* setjmp/longjmp: non-local exits from deep recursion, an exception-like
 * TRY/THROW with nested handlers, values preserved in volatile locals,
 * longjmp with value 0 (becomes 1), and a generator-style ping-pong.
 * Exit status: 12 on success. */
#include <stdio.h>
#include <setjmp.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static jmp_buf top;
static int depth_reached;

static void dive(int depth, int limit) {
    char pad[64];
    memset(pad, depth & 0xFF, sizeof pad);
    depth_reached = depth + (pad[depth % 64] == (char) (depth & 0xFF) ? 0 : 1000);
    if (depth == limit) longjmp(top, depth);
    dive(depth + 1, limit);
    printf("never printed %d\n", pad[0]);
}

/* nested exception handlers */
static jmp_buf *handler;
#define TRY(env) jmp_buf env; jmp_buf *saved_##env = handler; handler = &env; int code_##env = setjmp(env); if (code_##env == 0)
#define CATCH(env) handler = saved_##env; if (code_##env != 0)
static void throw_(int code) { longjmp(*handler, code); }

static int parse_digit(char c) { if (c < '0' || c > '9') throw_(100 + c); return c - '0'; }
static int parse_number(const char *s) {
    int v = 0;
    for (; *s; s++) v = v * 10 + parse_digit(*s);
    if (v > 50000) throw_(2);
    return v;
}

int main(void) {
    for (int limit = 0; limit <= 1000; limit += 250) {
        volatile int before = limit * 2;
        int r = setjmp(top);
        if (r == 0) dive(0, limit);
        else {
            printf("longjmp from depth %d (r=%d) before=%d reached=%d\n", limit, r, before, depth_reached);
            CHECK(before == limit * 2 && depth_reached == limit);
        }
    }
    int z = setjmp(top);
    if (z == 0) longjmp(top, 0);
    printf("longjmp(0) returns %d\n", z);
    CHECK(z == 1);

    const char *inputs[] = { "123", "98x7", "77777", "0", "42", "-5", "" };
    int ok = 0, bad = 0, big = 0;
    for (int i = 0; i < 7; i++) {
        volatile int result = -1;
        TRY(outer) {
            TRY(inner) {
                result = parse_number(inputs[i]);
                ok++;
            }
            CATCH(inner) {
                if (code_inner == 2) { printf("inner: '%s' too big, rethrowing\n", inputs[i]); throw_(3); }
                printf("inner: '%s' bad char '%c'\n", inputs[i], code_inner - 100);
                bad++;
            }
        }
        CATCH(outer) {
            printf("outer: caught %d for '%s'\n", code_outer, inputs[i]);
            big++;
        }
        printf("input '%s' -> %d\n", inputs[i], result);
    }
    printf("ok=%d bad=%d big=%d\n", ok, bad, big);
    CHECK(ok == 4 && bad == 2 && big == 1);

    /* sigsetjmp without signal mask saving behaves like setjmp */
    sigjmp_buf sj;
    volatile int count = 0;
    if (sigsetjmp(sj, 0) < 5) { count++; siglongjmp(sj, count); }
    printf("sigsetjmp loop count=%d\n", count);
    CHECK(count == 5);
    printf("fails=%d\n", fails);
    return fails ? 1 : 12;
}
