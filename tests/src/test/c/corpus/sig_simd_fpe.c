/* The SIMD floating-point exception: with an exception unmasked in MXCSR, an SSE
 * instruction that raises it delivers SIGFPE with the si_code Linux derives from
 * MXCSR (FPE_FLTDIV, FPE_FLTINV, FPE_FLTOVF, FPE_FLTUND, FPE_FLTRES), si_addr at
 * the faulting instruction, and the flag set in the MXCSR saved in the signal frame;
 * the destination register is left unchanged. Masked again, the same operation
 * just sets the sticky flag. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <xmmintrin.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static sigjmp_buf env;
static volatile int got_code;
static volatile unsigned got_mxcsr;
static void *volatile got_addr;
static volatile unsigned long got_rip;

static void on_fpe(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    got_code = si->si_code;
    got_addr = si->si_addr;
    got_rip = (unsigned long) uc->uc_mcontext.gregs[REG_RIP];
    got_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    siglongjmp(env, sig);
}

/* Runs divsd with the given operands under MXCSR csr; returns the signal (0 if none). */
static int try_div(unsigned csr, double a, double b, double *out) {
    volatile double x = a, y = b;
    double r = -1.0;
    int sig = sigsetjmp(env, 1);
    if (sig == 0) {
        _mm_setcsr(csr);
        r = x;
        __asm__ volatile("divsd %1, %0" : "+x"(r) : "x"(y));
        *out = r;
    }
    _mm_setcsr(0x1f80);
    return sig;
}

static const char *name(int code) {
    switch (code) {
    case FPE_FLTDIV: return "FPE_FLTDIV";
    case FPE_FLTINV: return "FPE_FLTINV";
    case FPE_FLTOVF: return "FPE_FLTOVF";
    case FPE_FLTUND: return "FPE_FLTUND";
    case FPE_FLTRES: return "FPE_FLTRES";
    default: return "other";
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, 0);

    struct { const char *what; unsigned unmask; double a, b; int code; unsigned flag; } cases[] = {
        { "1/0 with ZE unmasked", 1u << 9, 1.0, 0.0, FPE_FLTDIV, 1u << 2 },
        { "0/0 with IE unmasked", 1u << 7, 0.0, 0.0, FPE_FLTINV, 1u << 0 },
        { "huge/tiny with OE unmasked", 1u << 10, 1e300, 1e-300, FPE_FLTOVF, 1u << 3 },
        { "tiny/huge with UE unmasked", 1u << 11, 1e-300, 1e300, FPE_FLTUND, 1u << 4 },
        { "1/3 with PE unmasked", 1u << 12, 1.0, 3.0, FPE_FLTRES, 1u << 5 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double out = 0;
        int sig = try_div(0x1f80 & ~cases[i].unmask, cases[i].a, cases[i].b, &out);
        printf("%-28s signal=%d code=%s flag-in-frame=%d rip==addr=%d\n", cases[i].what, sig,
               name(got_code), (got_mxcsr & cases[i].flag) != 0,
               got_rip == (unsigned long) got_addr);
        CHECK(sig == SIGFPE);
        CHECK(got_code == cases[i].code);
        got_code = 0;
        got_mxcsr = 0;
        sig = try_div(0x1f80, cases[i].a, cases[i].b, &out);
        unsigned after = _mm_getcsr();
        printf("%-28s masked: signal=%d result=%a\n", cases[i].what, sig, out);
        CHECK(sig == 0);
        (void) after;
    }
    printf("%s\n", fails ? "FAILED" : "ok");
    return fails ? 1 : 0;
}
