/*
 * Host-CPU oracle for single x86-64 instructions (InsnDifferentialTest).
 *
 * Reads lines on stdin:
 *   C <hex bytes>                      set the instruction bytes for the following cases
 *   S <16 gpr> <rflags> <32 xmm halves> <mxcsr> <128 hex chars of the data buffer>
 *                                      run one case (all numbers in hex, RSP included)
 * and writes one line per S line:
 *   R <signal> <16 gpr> <rflags> <32 xmm halves> <mxcsr> <128 hex chars of the data buffer> <si_code>
 * (signal 0 = the instruction completed; otherwise the signal number, and the
 * rest of the line repeats the input state, except that after SIGFPE <mxcsr> is the
 * MXCSR the kernel saved in the signal frame; si_code is the signal's, 0 if none).
 *
 * Fixed addresses shared with the Java side:
 *   0x10000000  data page (4 KiB, RW); the compared 64-byte buffer is at 0x10000800
 *   0x10010000  stack (64 KiB, RW); RSP of the cases points into it
 *   0x10100000  harness state block (native only)
 * The instruction runs from an RWX page: <insn bytes> jmp [rip+0] <exit_state>.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define DATA_PAGE 0x10000000UL
#define DATA_BUF 0x10000800UL
#define STACK_LO 0x10010000UL
#define STATE 0x10100000UL
/* state block layout: 0x000 gpr[16], 0x080 rflags, 0x088 host rsp, 0x090 code ptr,
   0x098 mxcsr, 0x0a0 host mxcsr, 0x100 xmm[16] (16 bytes each) */
struct state {
    uint64_t gpr[16];
    uint64_t rflags;
    uint64_t host_rsp;
    uint64_t code;
    uint64_t mxcsr;
    uint64_t host_mxcsr;
    uint64_t pad[11];
    uint64_t xmm[32];
};

void enter_state(void);
void exit_state(void);

__asm__(
    ".text\n"
    ".globl enter_state\n"
    "enter_state:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
    "  mov %rsp, 0x10100088\n"
#define X(n, off) "  movdqu " #off "(%rax), %xmm" #n "\n"
    "  mov $0x10100100, %eax\n"
    X(0, 0) X(1, 16) X(2, 32) X(3, 48) X(4, 64) X(5, 80) X(6, 96) X(7, 112)
    X(8, 128) X(9, 144) X(10, 160) X(11, 176) X(12, 192) X(13, 208) X(14, 224) X(15, 240)
#undef X
    "  stmxcsr 0x101000a0\n ldmxcsr 0x10100098\n"
    "  pushq 0x10100080\n popfq\n"
    "  mov 0x10100000, %rax\n mov 0x10100008, %rcx\n mov 0x10100010, %rdx\n mov 0x10100018, %rbx\n"
    "  mov 0x10100028, %rbp\n mov 0x10100030, %rsi\n mov 0x10100038, %rdi\n"
    "  mov 0x10100040, %r8\n mov 0x10100048, %r9\n mov 0x10100050, %r10\n mov 0x10100058, %r11\n"
    "  mov 0x10100060, %r12\n mov 0x10100068, %r13\n mov 0x10100070, %r14\n mov 0x10100078, %r15\n"
    "  mov 0x10100020, %rsp\n"
    "  jmp *0x10100090\n"
    ".globl exit_state\n"
    "exit_state:\n"
    "  mov %rax, 0x10100000\n mov %rcx, 0x10100008\n mov %rdx, 0x10100010\n mov %rbx, 0x10100018\n"
    "  mov %rsp, 0x10100020\n mov %rbp, 0x10100028\n mov %rsi, 0x10100030\n mov %rdi, 0x10100038\n"
    "  mov %r8, 0x10100040\n mov %r9, 0x10100048\n mov %r10, 0x10100050\n mov %r11, 0x10100058\n"
    "  mov %r12, 0x10100060\n mov %r13, 0x10100068\n mov %r14, 0x10100070\n mov %r15, 0x10100078\n"
    "  mov 0x10100088, %rsp\n"
    "  pushfq\n popq 0x10100080\n"
    "  stmxcsr 0x10100098\n ldmxcsr 0x101000a0\n"
    "  cld\n"
    "  mov $0x10100100, %eax\n"
#define X(n, off) "  movdqu %xmm" #n ", " #off "(%rax)\n"
    X(0, 0) X(1, 16) X(2, 32) X(3, 48) X(4, 64) X(5, 80) X(6, 96) X(7, 112)
    X(8, 128) X(9, 144) X(10, 160) X(11, 176) X(12, 192) X(13, 208) X(14, 224) X(15, 240)
#undef X
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n");

static sigjmp_buf jb;
static volatile int got_signal, got_code;
static volatile uint32_t fault_mxcsr;
static uint32_t host_mxcsr;

static void on_signal(int sig, siginfo_t *si, void *ctx) {
    got_signal = sig;
    got_code = si->si_code;
    ucontext_t *uc = ctx;
    if (uc->uc_mcontext.fpregs) fault_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    siglongjmp(jb, 1);
}

static void *map_fixed(unsigned long addr, size_t len, int prot) {
    void *p = mmap((void *)addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)addr) {
        perror("mmap");
        exit(2);
    }
    return p;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static char *parse_u64(char *p, uint64_t *v) {
    while (*p == ' ') p++;
    uint64_t x = 0;
    int d;
    while ((d = hexval(*p)) >= 0) {
        x = x << 4 | (uint64_t)d;
        p++;
    }
    *v = x;
    return p;
}

static char *parse_bytes(char *p, uint8_t *dst, int max, int *n) {
    while (*p == ' ') p++;
    int k = 0;
    while (hexval(p[0]) >= 0 && hexval(p[1]) >= 0 && k < max) {
        dst[k++] = (uint8_t)(hexval(p[0]) << 4 | hexval(p[1]));
        p += 2;
    }
    *n = k;
    return p;
}

static void print_state(int sig, int code, struct state *st, uint8_t *buf) {
    static char out[4096];
    char *o = out;
    o += sprintf(o, "R %x", sig);
    for (int i = 0; i < 16; i++) o += sprintf(o, " %lx", (unsigned long)st->gpr[i]);
    o += sprintf(o, " %lx", (unsigned long)st->rflags);
    for (int i = 0; i < 32; i++) o += sprintf(o, " %lx", (unsigned long)st->xmm[i]);
    o += sprintf(o, " %lx ", (unsigned long)st->mxcsr);
    for (int i = 0; i < 64; i++) o += sprintf(o, "%02x", buf[i]);
    o += sprintf(o, " %x\n", code);
    fwrite(out, 1, (size_t)(o - out), stdout);
}

int main(void) {
    map_fixed(DATA_PAGE, 0x1000, PROT_READ | PROT_WRITE);
    map_fixed(STACK_LO, 0x10000, PROT_READ | PROT_WRITE);
    struct state *st = map_fixed(STATE, 0x1000, PROT_READ | PROT_WRITE);
    uint8_t *code = mmap(NULL, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap code");
        return 2;
    }
    uint8_t *buf = (uint8_t *)DATA_BUF;

    static char altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER | SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
    __asm__ volatile("stmxcsr %0" : "=m"(host_mxcsr));

    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == 'C') {
            int n;
            parse_bytes(line + 1, code, 0x800, &n);
            /* jmp qword ptr [rip+0]; .quad exit_state */
            code[n] = 0xFF; code[n + 1] = 0x25;
            memset(code + n + 2, 0, 4);
            uint64_t target = (uint64_t)(uintptr_t)&exit_state;
            memcpy(code + n + 6, &target, 8);
            st->code = (uint64_t)(uintptr_t)code;
            continue;
        }
        if (line[0] != 'S') continue;
        char *p = line + 1;
        struct state in;
        memset(&in, 0, sizeof in);
        for (int i = 0; i < 16; i++) p = parse_u64(p, &in.gpr[i]);
        p = parse_u64(p, &in.rflags);
        for (int i = 0; i < 32; i++) p = parse_u64(p, &in.xmm[i]);
        p = parse_u64(p, &in.mxcsr);
        uint8_t mem[64];
        int n;
        parse_bytes(p, mem, 64, &n);
        memset((void *)DATA_PAGE, 0, 0x1000);
        memcpy(buf, mem, 64);
        memcpy(st->gpr, in.gpr, sizeof in.gpr);
        st->rflags = (in.rflags & 0xCD5) | 0x202; /* arith flags + DF; IF set, TF clear */
        memcpy(st->xmm, in.xmm, sizeof in.xmm);
        st->mxcsr = in.mxcsr & 0xFFFF;
        got_signal = 0;
        got_code = 0;
        if (sigsetjmp(jb, 1) == 0) {
            enter_state();
            print_state(0, 0, st, buf);
        } else {
            __asm__ volatile("ldmxcsr %0" : : "m"(host_mxcsr));
            if (got_signal == SIGFPE) in.mxcsr = fault_mxcsr;
            print_state(got_signal, got_code, &in, mem);
        }
    }
    fflush(stdout);
    return 0;
}
