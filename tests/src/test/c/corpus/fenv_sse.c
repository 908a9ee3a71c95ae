/* SSE floating point under <fenv.h>: every rounding mode, the exception flags after inexact,
 * overflowing, underflowing, dividing-by-zero and invalid operations, and DAZ/FTZ set through
 * MXCSR. Results are printed with %a (exact) after restoring round-to-nearest. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>

static volatile double one = 1.0, three = 3.0, zero = 0.0, big = DBL_MAX, tiny = DBL_MIN, neg = -1.0;
static volatile float onef = 1.0f, threef = 3.0f, bigf = FLT_MAX, tinyf = FLT_MIN;
static volatile double sink;
static volatile float sinkf;

static unsigned getcsr(void) {
    unsigned m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static void setcsr(unsigned m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }

static void flags(const char *what) {
    int e = fetestexcept(FE_ALL_EXCEPT);
    printf("  %-22s%s%s%s%s%s\n", what, e & FE_INEXACT ? " inexact" : "", e & FE_OVERFLOW ? " overflow" : "",
           e & FE_UNDERFLOW ? " underflow" : "", e & FE_DIVBYZERO ? " divbyzero" : "", e & FE_INVALID ? " invalid" : "");
}

/* One operation: clear the flags, compute, print the flags it raised and the result. */
#define OP(name, expr)                                   \
    do {                                                 \
        feclearexcept(FE_ALL_EXCEPT);                    \
        double r_ = (expr);                              \
        sink = r_;                                       \
        flags(name);                                     \
        int mode_ = fegetround();                        \
        fesetround(FE_TONEAREST);                        \
        printf("    = %a\n", r_);                        \
        fesetround(mode_);                               \
    } while (0)

#define OPF(name, expr)                                  \
    do {                                                 \
        feclearexcept(FE_ALL_EXCEPT);                    \
        float r_ = (expr);                               \
        sinkf = r_;                                      \
        flags(name);                                     \
        int mode_ = fegetround();                        \
        fesetround(FE_TONEAREST);                        \
        printf("    = %a\n", (double)r_);                \
        fesetround(mode_);                               \
    } while (0)

static void ops(void) {
    OP("1/3", one / three);
    OP("-1/3", neg / three);
    OP("1+1", one + one);
    OP("max*2", big * 2.0);
    OP("-max*2", -big * 2.0);
    OP("max+max/2^53", big + big / 9007199254740992.0);
    OP("min/3", tiny / three);
    OP("min*min", tiny * tiny);
    OP("min/2 (exact)", tiny / 2.0);
    OP("1/0", one / zero);
    OP("0/0", zero / zero);
    OP("sqrt(-1)", sqrt(neg));
    OP("sqrt(2)", sqrt(one + one));
    OP("(long)-2.5 as double", (double)(long long)(neg * 2.5));
    OP("rint(2.5)", nearbyint(one * 2.5));
    OP("int 2^53+1", (double)(9007199254740993LL + (long long)zero));
    OPF("1f/3f", onef / threef);
    OPF("fmax*2", bigf * 2.0f);
    OPF("fmin/3", tinyf / threef);
    OPF("(float)(1/3)", (float)(one / three));
    OPF("(float)dmax", (float)big);
    OPF("(float)dmin", (float)tiny);
}

int main(void) {
    static const struct { int mode; const char *name; } modes[] = {
        {FE_TONEAREST, "nearest"}, {FE_DOWNWARD, "down"}, {FE_UPWARD, "up"}, {FE_TOWARDZERO, "toward zero"}};
    for (int i = 0; i < 4; i++) {
        fesetround(modes[i].mode);
        printf("rounding %s (mxcsr rc %u)\n", modes[i].name, getcsr() >> 13 & 3);
        ops();
    }
    fesetround(FE_TONEAREST);
    unsigned def = getcsr() & ~0x3Fu;
    /* FTZ: tiny results become zero (and raise underflow and inexact) */
    setcsr(def | 0x8000);
    printf("FTZ\n");
    OP("min/3", tiny / three);
    OP("min/2 (exact)", tiny / 2.0);
    OPF("fmin/3", tinyf / threef);
    /* DAZ: denormal inputs count as zero */
    volatile double den = DBL_MIN / 4;
    setcsr(def | 0x40);
    printf("DAZ\n");
    OP("den*1", den * one);
    OP("den+min", den + tiny);
    OP("1/den", one / den);
    OP("den==0", (double)(den == zero));
    setcsr(def | 0x8040);
    printf("DAZ+FTZ\n");
    OP("den+min/3", den + tiny / three);
    setcsr(def);
    printf("mxcsr after: %#x\n", getcsr() & 0xFFC0);
    return 0;
}
