/* Structs passed and returned by value per the SysV ABI: small structs in
 * registers (INTEGER and SSE classes, mixed), large structs in memory via a
 * hidden pointer, arrays in structs, nested structs, many-argument calls that
 * spill to the stack, and variadic calls with struct-derived values.
 * Exit status: 0. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

struct i2 { int a, b; };
struct l2 { long a, b; };
struct d2 { double x, y; };
struct mix { double d; long l; };
struct f3 { float a, b, c; };
struct chars { char c[7]; };
struct big { long v[8]; char tag[16]; };
struct nested { struct i2 p; struct d2 q; short s; };

__attribute__((noinline)) static struct i2 i2_swap(struct i2 v) { struct i2 r = { v.b, v.a }; return r; }
__attribute__((noinline)) static struct l2 l2_add(struct l2 x, struct l2 y) { struct l2 r = { x.a + y.a, x.b + y.b }; return r; }
__attribute__((noinline)) static struct d2 d2_rot(struct d2 v) { struct d2 r = { -v.y, v.x }; return r; }
__attribute__((noinline)) static struct mix mix_make(long l, double d) { struct mix m = { d * 2, l * 3 }; return m; }
__attribute__((noinline)) static struct f3 f3_scale(struct f3 v, float k) { struct f3 r = { v.a * k, v.b * k, v.c * k }; return r; }
__attribute__((noinline)) static struct chars chars_upper(struct chars c) { for (int i = 0; i < 7; i++) if (c.c[i] >= 'a' && c.c[i] <= 'z') c.c[i] -= 32; return c; }
__attribute__((noinline)) static struct big big_fill(long seed, struct big in) {
    struct big b;
    for (int i = 0; i < 8; i++) b.v[i] = in.v[7 - i] * seed + i;
    snprintf(b.tag, sizeof b.tag, "big-%ld", seed);
    return b;
}
__attribute__((noinline)) static double nested_sum(struct nested n) { return n.p.a + n.p.b + n.q.x + n.q.y + n.s; }
__attribute__((noinline)) static long many(long a, long b, long c, long d, long e, long f, struct l2 g, double h, struct big i, struct i2 j, long k) {
    long s = a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g.a + 8 * g.b + (long) (9 * h) + j.a * 10 + j.b * 11 + k * 12;
    for (int x = 0; x < 8; x++) s += i.v[x] * (x + 13);
    return s;
}
__attribute__((noinline)) static struct d2 many_fp(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j, struct d2 k) {
    struct d2 r = { a + b + c + d + e + f + g + h + i + j + k.x, a * b - c * d + e * f - g * h + i * j + k.y };
    return r;
}

int main(void) {
    struct i2 s = i2_swap((struct i2) { 3, -4 });
    printf("i2_swap=(%d,%d)\n", s.a, s.b);
    CHECK(s.a == -4 && s.b == 3);
    struct l2 l = { 1, 2 };
    for (int i = 0; i < 10; i++) l = l2_add(l, (struct l2) { l.b, l.a });
    printf("l2 fib=(%ld,%ld)\n", l.a, l.b);
    struct d2 d = { 1.0, 0.5 };
    for (int i = 0; i < 5; i++) { d = d2_rot(d); printf("rot %d: (%g,%g)\n", i, d.x, d.y); }
    CHECK(d.x == -0.5 && d.y == 1.0);
    struct mix m = mix_make(14, 0.75);
    printf("mix=(%g,%ld)\n", m.d, m.l);
    CHECK(m.d == 1.5 && m.l == 42);
    struct f3 f = f3_scale((struct f3) { 1.5f, -2.0f, 0.25f }, 4.0f);
    printf("f3=(%g,%g,%g)\n", f.a, f.b, f.c);
    CHECK(f.a == 6.0f && f.b == -8.0f && f.c == 1.0f);
    struct chars c; memcpy(c.c, "jx86-ok", 7);
    c = chars_upper(c);
    printf("chars=%.7s\n", c.c);
    CHECK(memcmp(c.c, "JX86-OK", 7) == 0);
    struct big b = { { 1, 2, 3, 4, 5, 6, 7, 8 }, "in" };
    for (long k = 2; k < 5; k++) b = big_fill(k, b);
    printf("big tag=%s v=", b.tag);
    for (int i = 0; i < 8; i++) printf("%ld ", b.v[i]);
    putchar('\n');
    struct nested n = { { 1, 2 }, { 0.5, 0.25 }, -7 };
    double ns = nested_sum(n);
    printf("nested sum=%g\n", ns);
    CHECK(ns == -3.25);
    long mres = many(1, 2, 3, 4, 5, 6, (struct l2) { 7, 8 }, 9.5, b, (struct i2) { 10, 11 }, 12);
    printf("many=%ld\n", mres);
    struct d2 r = many_fp(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (struct d2) { 0.5, -0.5 });
    printf("many_fp=(%g,%g)\n", r.x, r.y);
    CHECK(r.x == 55.5 && r.y == 2 - 12 + 30 - 56 + 90 - 0.5);
    printf("fails=%d\n", fails);
    return fails;
}
