/* sigaltstack: recovering from a stack overflow (unbounded recursion) with a
 * SIGSEGV handler that runs on an alternate stack, checks that its own locals
 * live there and that sigaltstack reports SS_ONSTACK, then siglongjmps out.
 * Also: a handler that edits its ucontext (skips a ud2 by advancing RIP and
 * sets RAX) and returns, so rt_sigreturn must restore the modified registers;
 * and SS_DISABLE / EPERM rules of sigaltstack. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <ucontext.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

#define ALT_SIZE (64 * 1024)
static char *alt;
static sigjmp_buf env;
static volatile int on_alt, reported_onstack, eperm_inside;
static volatile long depth;

static void on_segv(int sig, siginfo_t *si, void *ctx) {
    (void) sig; (void) si; (void) ctx;
    char local;
    on_alt = &local >= alt && &local < alt + ALT_SIZE;
    stack_t cur;
    sigaltstack(NULL, &cur);
    reported_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
    stack_t other = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
    eperm_inside = sigaltstack(&other, NULL) == -1 && errno == EPERM;
    siglongjmp(env, 1);
}

__attribute__((noinline)) static long recurse(long n) {
    volatile char pad[512];
    pad[0] = (char) n;
    depth = n;
    return recurse(n + 1) + pad[0];
}

static void skip_ud2(int sig, siginfo_t *si, void *ctx) {
    (void) sig; (void) si;
    ucontext_t *uc = ctx;
    uc->uc_mcontext.gregs[REG_RIP] += 2;         /* ud2 is 0f 0b */
    uc->uc_mcontext.gregs[REG_RAX] = 0x1234abcd;
}

int main(void) {
    struct rlimit rl = { 8 << 20, 8 << 20 };
    setrlimit(RLIMIT_STACK, &rl); /* a bounded stack, the same natively and under jx86 */
    alt = malloc(ALT_SIZE);
    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
    CHECK(sigaltstack(&ss, NULL) == 0);
    stack_t old;
    CHECK(sigaltstack(NULL, &old) == 0);
    printf("altstack set: same_sp=%d size_ok=%d flags=%d\n", old.ss_sp == alt, old.ss_size == ALT_SIZE, old.ss_flags);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
    if (sigsetjmp(env, 1) == 0) {
        recurse(0);
        printf("not reached\n");
    }
    printf("overflow caught: deep=%d on_alt=%d reported_onstack=%d eperm_inside=%d\n", depth > 1000, on_alt,
           reported_onstack, eperm_inside);
    CHECK(depth > 1000 && on_alt && reported_onstack && eperm_inside);
    CHECK(sigaltstack(NULL, &old) == 0 && old.ss_flags == 0);

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = skip_ud2;
    sa.sa_flags = SA_SIGINFO;
    CHECK(sigaction(SIGILL, &sa, NULL) == 0);
    long rax;
    __asm__ volatile("mov $1, %%eax\n ud2\n" : "=a"(rax));
    printf("ud2 skipped by the handler: rax=%#lx\n", rax);
    CHECK(rax == 0x1234abcd);

    ss.ss_flags = SS_DISABLE;
    CHECK(sigaltstack(&ss, NULL) == 0);
    CHECK(sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE);
    ss.ss_flags = 0;
    ss.ss_size = 100;
    CHECK(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM);
    printf("fails=%d\n", fails);
    return fails ? 1 : 5;
}
