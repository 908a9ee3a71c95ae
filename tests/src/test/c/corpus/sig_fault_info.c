/* Synchronous signals from CPU faults, with SA_SIGINFO handlers that check
 * si_signo, si_code and si_addr against the faulting pointer or instruction
 * (relations, not raw addresses) and escape with siglongjmp: SIGSEGV from an
 * unmapped and from a read-only page, SIGFPE from an integer divide by zero,
 * SIGILL from ud2, SIGTRAP from int3 (RIP after the int3). Then a handler that
 * fixes the fault with mprotect and returns, so the store is re-executed. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static sigjmp_buf env;
static volatile int got_signo, got_code;
static void *volatile got_addr;
static volatile unsigned long got_rip;

static void record(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    got_signo = si->si_signo;
    got_code = si->si_code;
    got_addr = si->si_addr;
    got_rip = (unsigned long) uc->uc_mcontext.gregs[REG_RIP];
    CHECK(sig == si->si_signo);
}

static void escape(int sig, siginfo_t *si, void *ctx) {
    record(sig, si, ctx);
    siglongjmp(env, 1);
}

extern char ud2_insn[], int3_after[];

__attribute__((noinline)) static void do_ud2(void) {
    __asm__ volatile(".globl ud2_insn\nud2_insn: ud2");
}

__attribute__((noinline)) static void do_int3(void) {
    __asm__ volatile("int3\n.globl int3_after\nint3_after: nop");
}

__attribute__((noinline)) static int divide(int a, int b) {
    int q;
    __asm__ volatile("cltd\n idivl %2" : "=a"(q) : "a"(a), "r"(b) : "rdx");
    return q;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(sig, &sa, NULL) == 0);
}

static char *page;
static volatile int fixes;

static void fix_by_mprotect(int sig, siginfo_t *si, void *ctx) {
    record(sig, si, ctx);
    fixes++;
    CHECK(mprotect(page, 4096, PROT_READ | PROT_WRITE) == 0);
}

int main(void) {
    long pagesize = sysconf(_SC_PAGESIZE);
    install(SIGSEGV, escape);
    install(SIGFPE, escape);
    install(SIGILL, escape);
    install(SIGTRAP, escape);

    volatile int *bad = (int *) 16;
    if (sigsetjmp(env, 1) == 0) { *bad = 1; printf("not reached\n"); }
    printf("null+16 store: signo=%d code=%s addr_ok=%d\n", got_signo,
           got_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other", got_addr == (void *) bad);
    CHECK(got_signo == SIGSEGV && got_code == SEGV_MAPERR && got_addr == (void *) bad);

    page = mmap(NULL, pagesize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(page != MAP_FAILED);
    if (sigsetjmp(env, 1) == 0) { page[100] = 1; printf("not reached\n"); }
    printf("read-only store: signo=%d code=%s addr_ok=%d\n", got_signo,
           got_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other", got_addr == (void *) (page + 100));
    CHECK(got_signo == SIGSEGV && got_code == SEGV_ACCERR && got_addr == (void *) (page + 100));

    volatile int zero = 0;
    if (sigsetjmp(env, 1) == 0) { printf("q=%d not reached\n", divide(7, zero)); }
    printf("divide by zero: signo=%d code=%s addr_is_rip=%d\n", got_signo,
           got_code == FPE_INTDIV ? "FPE_INTDIV" : "other", (unsigned long) got_addr == got_rip);
    CHECK(got_signo == SIGFPE && got_code == FPE_INTDIV && (unsigned long) got_addr == got_rip);

    if (sigsetjmp(env, 1) == 0) { do_ud2(); printf("not reached\n"); }
    printf("ud2: signo=%d code=%s addr_ok=%d rip_ok=%d\n", got_signo,
           got_code == ILL_ILLOPN ? "ILL_ILLOPN" : "other", got_addr == (void *) ud2_insn,
           got_rip == (unsigned long) ud2_insn);
    CHECK(got_signo == SIGILL && got_code == ILL_ILLOPN && got_addr == (void *) ud2_insn);

    if (sigsetjmp(env, 1) == 0) { do_int3(); printf("not reached\n"); }
    printf("int3: signo=%d code=%s rip_after=%d\n", got_signo, got_code == SI_KERNEL ? "SI_KERNEL" : "other",
           got_rip == (unsigned long) int3_after);
    CHECK(got_signo == SIGTRAP && got_code == SI_KERNEL && got_rip == (unsigned long) int3_after);

    /* the signal mask was restored by siglongjmp: the same handler works again */
    if (sigsetjmp(env, 1) == 0) { *bad = 2; }
    CHECK(got_signo == SIGSEGV);

    /* a handler that fixes the cause and returns: the store runs again and succeeds */
    install(SIGSEGV, fix_by_mprotect);
    CHECK(mprotect(page, pagesize, PROT_READ) == 0);
    ((volatile char *) page)[200] = 42;
    printf("fixed by mprotect: fixes=%d value=%d addr_ok=%d\n", fixes, page[200], got_addr == (void *) (page + 200));
    CHECK(fixes == 1 && page[200] == 42);
    printf("fails=%d\n", fails);
    return fails ? 1 : 7;
}
