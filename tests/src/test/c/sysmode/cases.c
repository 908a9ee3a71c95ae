/* Spec cr3-lam-mmu.md section 8, cases 1-63, as a jx86 system-mode guest kernel.
 * Prints one PASS/FAIL/SKIP line per case on port 0xE9; exits through port 0xF4 with 0
 * (status 1) when nothing failed, 1 (status 3) otherwise. With several vCPUs the others
 * join a TLB shootdown test at the end. */
#include "guest.h"

#define K 0xFFFFFFFFFFFFE000UL
#define KM 0xFFFFFFFFFFFFC000UL
#define U 0x0000000000500000UL
#define V 0x0123456789ABCDEFUL
#define B61 (1UL << 61)
#define B62 (1UL << 62)
#define B63 (1UL << 63)

static int has_lam, has_pcid, has_invpcid, has_la57_cpu, la57;
static u64 R, cr4_0, kframe, VA, P1, P2, P3;
static struct boot_info *boot;

static void access(u64 p) {
    *(volatile u64 *) p = V;
    if (*(volatile u64 *) p != V) __asm__ volatile("ud2");  /* read-back mismatch: #UD */
}
static u64 load(u64 p) { return *(volatile u64 *) p; }

/* Tag a supervisor pointer the way kvm-unit-tests does for the active LAM_SUP width. */
static u64 ktag(u64 p) {
    u64 mask = la57 ? 0x7E00000000000000UL : 0x7FFF000000000000UL;
    return (p & ~mask) | (0xAAAAAAAAAAAAAAAAUL & mask);
}

static void restore(void) {
    write_cr4(read_cr4() & ~(CR4_PCIDE | CR4_PGE | CR4_LAM_SUP));
    write_cr3(R);
}

struct desc { u64 lo, hi; } __attribute__((aligned(16)));
static struct desc d;

#define NEED(n, cond, why) if (!(cond)) { skip(n, why); } else

static void legality(void) {
    NEED(1, !has_lam, "needs CPUID LAM = 0") { EXPECT_FAULT(1, GP, write_cr4(read_cr4() | CR4_LAM_SUP));
        if (read_cr4() & CR4_LAM_SUP) fail(1, "CR4 changed", read_cr4()); }
    NEED(2, has_lam, "needs CPUID LAM = 1") {
        int v = TRY(write_cr4(read_cr4() | CR4_LAM_SUP));
        if (v == 0 && (read_cr4() & CR4_LAM_SUP)) pass(2); else fail(2, "vector+1", v);
    }
    EXPECT_OK(3, write_cr4(read_cr4() & ~CR4_LAM_SUP));
    NEED(4, !has_lam, "needs CPUID LAM = 0") { EXPECT_FAULT(4, GP, write_cr3(R | B62)); }
    NEED(5, !has_lam, "needs CPUID LAM = 0") { EXPECT_FAULT(5, GP, write_cr3(R | B61)); }
    NEED(6, has_lam, "needs CPUID LAM = 1") {
        int v = TRY(write_cr3(R | B62)); u64 c = read_cr3();
        int ok = v == 0 && c == (R | B62) && TRY(access(0x2AAA000000500000UL)) == 0;
        write_cr3(R); if (ok) pass(6); else fail(6, "cr3", c);
    }
    NEED(7, has_lam, "needs CPUID LAM = 1") {
        int v = TRY(write_cr3(R | B61)); u64 c = read_cr3();
        int ok = v == 0 && c == (R | B61) && TRY(access(0x2A00000000500000UL)) == 0;
        write_cr3(R); if (ok) pass(7); else fail(7, "cr3", c);
    }
    NEED(8, has_lam, "needs CPUID LAM = 1") {
        int v = TRY(write_cr3(R | B61 | B62)); u64 c = read_cr3();
        int u57 = TRY(access(0x2A00000000500000UL)) == 0;
        int u48rej = la57 || TRY(access(0x2AAA000000500000UL)) == GP + 1;
        write_cr3(R);
        if (v == 0 && c == (R | B61 | B62) && u57 && u48rej) pass(8); else fail(8, "cr3", c);
    }
    EXPECT_FAULT(9, GP, write_cr3(R | (1UL << 52)));
    EXPECT_FAULT(10, GP, write_cr3(R | B63));
    NEED(11, has_pcid, "needs CPUID PCID") {
        write_cr4(read_cr4() | CR4_PCIDE);
        int v = TRY(write_cr3(R | 5 | B63)); u64 c = read_cr3();
        restore(); if (v == 0 && c == (R | 5)) pass(11); else fail(11, "cr3", c);
    }
    NEED(12, has_pcid && has_lam, "needs CPUID PCID and LAM") {
        write_cr4(read_cr4() | CR4_PCIDE);
        int v = TRY(write_cr3(0xE000000000000000UL | R | 5)); u64 c = read_cr3();
        restore(); if (v == 0 && c == (0x6000000000000000UL | R | 5)) pass(12); else fail(12, "cr3", c);
    }
    NEED(13, has_lam, "needs CPUID LAM = 1") {
        write_cr3(R | B61); u64 c = read_cr3(); write_cr3(R);
        if (c == (R | B61)) pass(13); else fail(13, "cr3", c);
    }
    NEED(14, has_pcid, "needs CPUID PCID") { EXPECT_OK(14, write_cr4(read_cr4() | CR4_PCIDE)); restore(); }
    NEED(15, has_pcid, "needs CPUID PCID") {
        write_cr4(read_cr4() | CR4_PCIDE);
        EXPECT_FAULT(15, GP, write_cr0(read_cr0() & ~CR0_PG));
        restore();
    }
    NEED(16, has_pcid, "needs CPUID PCID") {
        write_cr3(R | 1);
        EXPECT_FAULT(16, GP, write_cr4(read_cr4() | CR4_PCIDE));
        restore();
    }
    NEED(17, !has_pcid, "needs CPUID PCID = 0") { EXPECT_FAULT(17, GP, write_cr4(read_cr4() | CR4_PCIDE)); }
    skip(18, "needs 32-bit protected mode; checked by the vmm unit test Spec8LegalityTest.case18");
    EXPECT_FAULT(19, GP, write_cr4(read_cr4() ^ CR4_LA57));
    NEED(20, !has_invpcid, "needs CPUID INVPCID = 0") { d = (struct desc) {0, 0}; EXPECT_FAULT(20, UD, invpcid(2, &d)); }
    if (has_invpcid) {
        d = (struct desc) {0, 0};
        int bad = 0;
        for (u64 t = 0; t < 4; t++) bad |= TRY(invpcid(t, &d)) << (8 * t);
        if (!bad) pass(21); else fail(21, "vectors", bad);
        d = (struct desc) {1, 0};
        int a = TRY(invpcid(0, &d)), b = TRY(invpcid(1, &d));
        if (a == GP + 1 && b == GP + 1) pass(22); else fail(22, "vectors", a << 8 | b);
        if (has_pcid) {
            write_cr4(read_cr4() | CR4_PCIDE);
            d = (struct desc) {10, 0};
            EXPECT_OK(23, invpcid(2, &d));
            d = (struct desc) {10, 0xFFFFAAAAAAAAAAAAUL};
            EXPECT_OK(26, invpcid(0, &d));
            d = (struct desc) {10, 0xFFAAAAAAAAAAAAAAUL};
            if (has_la57_cpu) EXPECT_OK(27, invpcid(0, &d)); else EXPECT_FAULT(27, GP, invpcid(0, &d));
            restore();
        } else {
            skip(23, "needs CPUID PCID"); skip(26, "needs CPUID PCID"); skip(27, "needs CPUID PCID");
        }
        d = (struct desc) {0, 0};
        EXPECT_FAULT(24, GP, invpcid(4, &d));
        d = (struct desc) {0x1000, 0};
        EXPECT_FAULT(25, GP, invpcid(0, &d));
        d = (struct desc) {0, 0xAAAAAAAAAAAAAAAAUL};
        EXPECT_FAULT(28, GP, invpcid(0, &d));
    } else {
        for (int n = 21; n <= 28; n++) if (n != 20) skip(n, "needs CPUID INVPCID");
    }
}

/* ---- CPL 3 (case 29): a TSS for the ring switch and user-accessible mappings */

static u64 gdt[10];
static u8 tss[104] __attribute__((aligned(16)));
static u8 kstack[8192] __attribute__((aligned(16)));
static u8 ustack[8192] __attribute__((aligned(16)));
static struct desc d29 __attribute__((aligned(16)));

static void user_invpcid(void) {
    __asm__ volatile("invpcid (%1), %0" :: "r"(2UL), "r"(&d29) : "memory");
    __asm__ volatile("ud2");   /* must not be reached */
}

static void enter_user(void (*fn)(void)) {
    u64 rsp = (u64) ustack + sizeof ustack - 8;
    __asm__ volatile(
        "pushq $0x23\n pushq %0\n pushq $0x2\n pushq $0x2B\n pushq %1\n iretq"
        :: "r"(rsp), "r"((u64) fn) : "memory");
}

static int user_ready;

static void setup_user(void) {
    if (user_ready++) return;
    struct { u16 limit; u64 base; } __attribute__((packed)) g;
    __asm__ volatile("sgdt %0" : "=m"(g));
    u64 *old = (u64 *) g.base;
    for (int i = 0; i < 6; i++) gdt[i] = old[i];
    u64 t = (u64) tss;
    *(u64 *) (tss + 4) = (u64) kstack + sizeof kstack;
    gdt[6] = 103 | (t & 0xFFFFFF) << 16 | 0x89UL << 40 | ((t >> 24) & 0xFF) << 56;
    gdt[7] = t >> 32;
    struct { u16 limit; u64 base; } __attribute__((packed)) n = { sizeof gdt - 1, (u64) gdt };
    __asm__ volatile("lgdt %0" :: "m"(n));
    __asm__ volatile("ltr %w0" :: "r"(0x30));
    /* Make the path to the kernel's 2 MiB page and the user stack user-accessible. */
    int levels = la57 ? 5 : 4;
    u64 *table = (u64 *) (R & 0x000FFFFFFFFFF000UL);
    for (int l = levels; l >= 2; l--) {
        u64 *e = &table[((u64) user_invpcid >> (12 + 9 * (l - 1))) & 511];
        *e |= 4;
        if (*e & 0x80) break;
        table = (u64 *) (*e & 0x000FFFFFFFFFF000UL);
    }
    write_cr3(read_cr3());
}

static void cpl3(void) {
    NEED(29, has_invpcid, "needs CPUID INVPCID") {
        setup_user();
        d29 = (struct desc) {0, 0};
        EXPECT_FAULT(29, GP, enter_user(user_invpcid));
    }
}

/* ---- LAM data accesses, 30-51 */

static void lam(void) {
    u64 cr4 = read_cr4();
    EXPECT_FAULT(30, GP, access(0xABFFFFFFFFFFE000UL));
    if (!has_lam) {
        for (int n = 31; n <= 39; n++) skip(n, "needs CPUID LAM = 1");
    } else {
        write_cr4(cr4 | CR4_LAM_SUP);
        *(volatile u64 *) K = 0;
        int v = TRY(access(ktag(K)));
        if (v == 0 && load(K) == V) pass(31); else fail(31, "vector+1", v);
        v = TRY(access(ktag(KM)));
        if (v == 0 && load(0xFF000000UL) == V) pass(32); else fail(32, "vector+1", v);
        EXPECT_FAULT(33, GP, access(0x8000000000001000UL));
        write_cr4(cr4);
        write_cr3(R | B62); EXPECT_OK(34, access(0x2AAA000000500000UL)); write_cr3(R);
        write_cr3(R | B61); EXPECT_OK(35, access(0x2A00000000500000UL)); write_cr3(R);
        if (la57) { skip(36, "4-level paging only"); skip(37, "4-level paging only"); }
        else {
            write_cr3(R | B61); EXPECT_FAULT(36, GP, access(0x2AAA000000500000UL)); write_cr3(R);
            write_cr3(R | B61 | B62); EXPECT_FAULT(37, GP, access(0x2AAA000000500000UL)); write_cr3(R);
        }
        write_cr3(R | B61); EXPECT_FAULT(38, GP, access(0xABFFFFFFFFFFE000UL)); write_cr3(R);
        write_cr4(cr4 | CR4_LAM_SUP); EXPECT_FAULT(39, GP, access(0x2A00000000500000UL)); write_cr4(cr4);
    }
    {
        u64 tagged = 0x2A00000000500000UL;
        int v = TRY(__asm__ volatile("push %%rbp; mov %0, %%rbp; mov (%%rbp), %%rax; pop %%rbp" :: "r"(tagged) : "rax", "memory"));
        /* the catcher's longjmp restores RBP */
        if (v == SS + 1 && CATCH->error == 0) pass(40); else fail(40, "vector+1", v);
        NEED(41, has_lam, "needs CPUID LAM = 1") {
            write_cr3(R | B61);
            v = TRY(__asm__ volatile("push %%rbp; mov %0, %%rbp; mov (%%rbp), %%rax; pop %%rbp" :: "r"(tagged) : "rax", "memory"));
            write_cr3(R);
            if (v == 0) pass(41); else fail(41, "vector+1", v);
        }
    }
    NEED(42, has_lam, "needs CPUID LAM = 1") {
        u64 *pte = pte_of(R, 0xDEAD0000UL, 1);
        u64 saved = *pte;
        *pte = 0;
        invlpg(0xDEAD0000UL);
        write_cr3(R | B61);
        int v = TRY(*(volatile u64 *) 0x3E000000DEAD0000UL = 1);
        write_cr3(R);
        *pte = saved;
        if (v == PF + 1 && CATCH->error == 2 && CATCH->cr2 == 0xDEAD0000UL) pass(42);
        else fail(42, "vector+1<<8|error, then cr2", (u64) v << 8 | CATCH->error), put_hex(CATCH->cr2), puts("\n");
    }
    NEED(43, has_lam, "needs CPUID LAM = 1") {
        static u64 site;
        write_cr3(R | B61);
        int v = TRY(__asm__ volatile("lea 1f(%%rip), %%rax\n mov %%rax, %0\n1: jmp *%1"
            : "=m"(site) : "r"(0x3E00000000500000UL) : "rax", "memory"));
        write_cr3(R);
        if (v == GP + 1 && CATCH->rip == site) pass(43); else fail(43, "vector+1 / saved rip", v), put_hex(CATCH->rip), puts("\n");
    }
    NEED(44, has_lam, "needs CPUID LAM = 1") {
        wrmsr(0xC0000100, U);
        write_cr3(R | B61);
        *(volatile u64 *) U = 0;
        int v = TRY(__asm__ volatile("movq %0, %%fs:(%1)" :: "r"(V), "r"(0x3E00000000000000UL) : "memory"));
        write_cr3(R);
        wrmsr(0xC0000100, 0);
        if (v == 0 && load(U) == V) pass(44); else fail(44, "vector+1", v);
    }
    NEED(45, has_lam, "needs CPUID LAM = 1") {
        write_cr3(R | B61);
        EXPECT_FAULT(45, GP, wrmsr(0xC0000100, 0x3E00000000001000UL));
        write_cr3(R);
    }
    {
        int v = TRY(invlpg(0xABFFFFFFFFFFE000UL));
        if (has_lam) { write_cr4(cr4 | CR4_LAM_SUP); v |= TRY(invlpg(ktag(K))); write_cr4(cr4); }
        if (v == 0) pass(46); else fail(46, "vector+1", v);
    }
    if (!has_invpcid) {
        for (int n = 47; n <= 51; n++) skip(n, "needs CPUID INVPCID");
        return;
    }
    /* The descriptor lives in K's page so a tagged supervisor pointer can reach it. */
    struct desc *kd = (struct desc *) K;
    for (int sup = 0; sup <= has_lam; sup++) {
        if (sup) write_cr4(cr4 | CR4_LAM_SUP);
        *kd = (struct desc) {0, K};
        int a = TRY(invpcid(0, kd));
        kd->hi = 0xAAAAFFFFFFFFE000UL;
        int b = TRY(invpcid(0, kd));
        int c = TRY(invpcid(0, (void *) ktag(K)));
        if (sup) write_cr4(cr4);
        if (a == 0) pass(47); else fail(47, sup ? "LAM_SUP=1 vector+1" : "LAM_SUP=0 vector+1", a);
        if (b == GP + 1) pass(48); else fail(48, "vector+1", b);
        if (c == GP + 1) pass(49); else fail(49, "vector+1", c);
    }
    NEED(50, has_lam, "needs CPUID LAM = 1") {
        write_cr4(cr4 | CR4_LAM_SUP);
        *kd = (struct desc) {0, K};
        EXPECT_OK(50, invpcid(0, (void *) ktag(K)));
        write_cr4(cr4);
    }
    *kd = (struct desc) {0, K};
    EXPECT_FAULT(51, GP, invpcid(0, (void *) ktag(K)));
}

/* ---- LAM modes and translations (spec 7.4): the same code, run far past the JIT threshold,
 * untags under each LAM mode it runs in, and faults at the first tagged load once the mode
 * is off (a stale translation that still untags would not). Tags vary per access. */

static u64 __attribute__((noinline)) tagged_sum(u64 p, u64 mask, int n) {
    u64 s = 0;
    for (u64 i = 1; i <= (u64) n; i++)
        s += *(volatile u64 *) ((p & ~mask) | ((i * 0x9E3779B97F4A7C15UL) & mask));
    return s;
}

#define M57 0x7E00000000000000UL
#define M48 0x7FFF000000000000UL

static int sum_is(u64 p, u64 mask, u64 want) {
    volatile u64 s = 0;
    int v = TRY(s = tagged_sum(p, mask, 1000));
    if (v == 0 && s == want * 1000) return 1;
    fail(211, "tagged loads: vector+1 << 48 | sum", (u64) v << 48 | s);
    return 0;
}

static int faults_gp(u64 p, u64 mask) {
    volatile u64 s = 0;
    int v = TRY(s = tagged_sum(p, mask, 1000));
    if (v == GP + 1 && CATCH->error == 0) return 1;
    fail(212, "tagged load with LAM off: vector+1 << 48 | sum", (u64) v << 48 | s);
    return 0;
}

static void lam_modes(void) {
    u64 cr4 = read_cr4();
    *(volatile u64 *) U = 7;
    *(volatile u64 *) K = 9;
    int ok = 1;
    if (has_lam) {
        write_cr3(R | B61); ok &= sum_is(U, M57, 7); write_cr3(R);
        write_cr3(R | B62); ok &= sum_is(U, M48, 7); write_cr3(R);
        write_cr4(cr4 | CR4_LAM_SUP); ok &= sum_is(K, la57 ? M57 : M48, 9); write_cr4(cr4);
    }
    ok &= faults_gp(U, M57);
    ok &= faults_gp(K, M57);
    if (has_lam) { write_cr3(R | B61); ok &= sum_is(U, M57, 7); write_cr3(R); }
    if (ok) puts("PASS lam-modes\n");
}

/* ---- TLB / PCID, 52-63 */

static void remap(u64 root, u64 pa, u64 flags) { map_4k(root, VA, pa, 2 | flags); }

static u64 second_tree(void) {
    u64 b = clone_tree(R);
    int shift = la57 ? 48 : 39;
    ((u64 *) b)[(VA >> shift) & 511] = 0;
    return b;
}

static void tlb(void) {
    remap(R, P1, 0); write_cr3(R);
    u64 a = load(VA); remap(R, P2, 0); write_cr3(R);
    if (a == 0x1111 && load(VA) == 0x2222) pass(52); else fail(52, "value", load(VA));
    remap(R, P1, 0); write_cr3(R);
    a = load(VA); remap(R, P2, 0); invlpg(VA);
    if (a == 0x1111 && load(VA) == 0x2222) pass(53); else fail(53, "value", load(VA));
    write_cr4(read_cr4() | CR4_PGE);
    remap(R, P1, 0x100); invlpg(VA);
    a = load(VA); remap(R, P2, 0x100);
    write_cr4(read_cr4() & ~CR4_PGE); write_cr4(read_cr4() | CR4_PGE);
    if (a == 0x1111 && load(VA) == 0x2222) pass(54); else fail(54, "value", load(VA));
    NEED(55, has_invpcid, "needs CPUID INVPCID") {
        remap(R, P1, 0x100); invlpg(VA);
        a = load(VA); remap(R, P2, 0x100);
        d = (struct desc) {0, 0}; invpcid(2, &d);
        if (a == 0x1111 && load(VA) == 0x2222) pass(55); else fail(55, "value", load(VA));
    }
    restore();
    if (!has_pcid) {
        for (int n = 56; n <= 63; n++) if (n != 60 && n != 62) skip(n, "needs CPUID PCID");
    } else {
        u64 b = second_tree();
        remap(R, P1, 0); remap(b, P2, 0);
        write_cr4(read_cr4() | CR4_PCIDE);
        write_cr3(R | 1);
        int bad = 0;
        for (int i = 0; i < 6; i++) {
            write_cr3(((i & 1) ? b | 2 : R | 1) | B63);
            if (load(VA) != ((i & 1) ? 0x2222 : 0x1111)) bad |= 1 << i;
        }
        if (!bad) pass(56); else fail(56, "switches that saw the wrong frame", bad);
        NEED(57, has_invpcid, "needs CPUID INVPCID") {
            write_cr3(b | 2); a = load(VA);
            write_cr3(R | 1 | B63);
            remap(b, P3, 0);
            d = (struct desc) {2, 0}; invpcid(1, &d);
            write_cr3(b | 2 | B63);
            if (a == 0x2222 && load(VA) == 0x3333) pass(57); else fail(57, "value", load(VA));
        }
        write_cr3(R | 1);
        write_cr4(read_cr4() | CR4_PGE);
        remap(R, P1, 0x100); invlpg(VA);
        a = load(VA); remap(R, P2, 0x100);
        write_cr4(read_cr4() & ~CR4_PCIDE);
        if (a == 0x1111 && load(VA) == 0x2222) pass(58); else fail(58, "value", load(VA));
        restore();
        NEED(59, has_lam, "needs CPUID LAM = 1") {
            write_cr4(read_cr4() | CR4_PCIDE);
            write_cr3(R | 1);
            int x = TRY(access(0x3E00000000500000UL));
            write_cr3(R | 1 | B61 | B63);
            int y = TRY(access(0x3E00000000500000UL));
            write_cr3(R | 1 | B63);
            int z = TRY(access(0x3E00000000500000UL));
            restore();
            if (x == GP + 1 && y == 0 && z == GP + 1) pass(59); else fail(59, "vectors+1", x << 16 | y << 8 | z);
        }
        *(volatile u64 *) U = 0x5555; *(volatile u64 *) K = 0x6666;
        write_cr4(read_cr4() | CR4_PCIDE);
        write_cr3(R | 0x123);
        if (load(U) == 0x5555 && load(K) == 0x6666 && TRY(access(U)) == 0 && TRY(access(K)) == 0) pass(61);
        else fail(61, "value", load(U));
        restore();
        b = second_tree();
        write_cr4(read_cr4() | CR4_PGE | CR4_PCIDE);
        remap(R, P1, 0x100); remap(b, P1, 0x100);
        write_cr3(R | 1);
        invlpg(VA);
        a = load(VA);
        write_cr3(b | 2 | B63);
        remap(R, P2, 0x100); remap(b, P2, 0x100);
        invlpg(VA);
        if (a == 0x1111 && load(VA) == 0x2222) pass(63); else fail(63, "value", load(VA));
        restore();
    }
    NEED(60, has_lam, "needs CPUID LAM = 1") {
        write_cr4(read_cr4() | CR4_LAM_SUP);
        int x = TRY(access(ktag(K)));
        write_cr4(read_cr4() & ~CR4_LAM_SUP);
        int y = TRY(access(ktag(K)));
        if (x == 0 && y == GP + 1) pass(60); else fail(60, "vectors+1", x << 8 | y);
    }
    NEED(62, has_lam, "needs CPUID LAM = 1") {
        *(volatile u64 *) U = 0x5555; *(volatile u64 *) K = 0x6666;
        write_cr3(R | B62 | B61);
        int ok = load(U) == 0x5555 && load(K) == 0x6666;
        write_cr3(R);
        if (ok) pass(62); else fail(62, "value", load(U));
    }
}

/* ---- APIC timer and SYSCALL/SYSRET */

#define TIMER_VEC 0x32
static volatile int ticks;
static void timer_handler(struct frame *f) { (void) f; ticks++; wrmsr(0x80B, 0); }

static void wait_ticks(int n, u64 max_ns) {
    u64 t0 = rdtsc();
    while (ticks < n && rdtsc() - t0 < max_ns) __asm__ volatile("sti; hlt; cli");
}

static void timer(void) {
    irq_handlers[TIMER_VEC] = timer_handler;
    wrmsr(0x83E, 0xB);                                  /* divide by 1 */
    ticks = 0;
    wrmsr(0x832, TIMER_VEC);                            /* one-shot */
    wrmsr(0x838, 1000000);                              /* 1 ms */
    wait_ticks(1, 2000000000UL);
    u64 t0 = rdtsc();
    while (rdtsc() - t0 < 5000000) __asm__ volatile("sti; nop; cli");
    if (ticks == 1 && rdmsr(0x839) == 0) puts("PASS timer-oneshot\n");
    else { fail(201, "one-shot timer ticks", ticks); }
    ticks = 0;
    wrmsr(0x832, TIMER_VEC | (1 << 17));                /* periodic */
    wrmsr(0x838, 300000);                               /* 0.3 ms */
    wait_ticks(5, 2000000000UL);
    wrmsr(0x838, 0);
    wrmsr(0x832, TIMER_VEC | (1 << 16));                /* masked */
    if (ticks >= 5) puts("PASS timer-periodic\n"); else fail(202, "periodic timer ticks", ticks);
    ticks = 0;
    wrmsr(0x832, TIMER_VEC | (2 << 17));                /* TSC-deadline */
    wrmsr(0x6E0, rdtsc() + 1000000);
    wait_ticks(1, 2000000000UL);
    if (ticks == 1 && rdmsr(0x6E0) == 0) puts("PASS timer-tsc-deadline\n"); else fail(203, "TSC-deadline ticks", ticks);
    wrmsr(0x832, 1 << 16);
}

volatile u64 sc_rax, sc_rcx, sc_r11;
extern void syscall_entry(void);
static u64 after_syscall;

static void user_syscall(void) {
    __asm__ volatile("mov $42, %%eax\n syscall\n1: ud2\n" ::: "rax", "rcx", "r11", "memory");
}

static void syscalls(void) {
    {
        setup_user();
        wrmsr(0xC0000081, (0x18UL << 48) | (0x08UL << 32));  /* STAR */
        wrmsr(0xC0000082, (u64) syscall_entry);               /* LSTAR */
        wrmsr(0xC0000084, 0x200);                             /* SFMASK: IF */
        int v = TRY(enter_user(user_syscall));
        after_syscall = sc_rcx;
        if (v == UD + 1 && sc_rax == 42 && CATCH->rip == after_syscall && CATCH->cs == 0x2B && (sc_r11 & 2))
            puts("PASS syscall-sysret\n");
        else fail(204, "syscall: vector+1, cs", (u64) v << 16 | CATCH->cs);
    }
}

/* ---- plain exceptions and the UART */

static void exceptions(void) {
    static u64 site;
    int v = TRY(__asm__ volatile("lea 1f(%%rip), %%rax\n mov %%rax, %0\n int3\n1:" : "=m"(site) :: "rax", "memory"));
    if (v == 3 + 1 && CATCH->rip == site) puts("PASS exc-bp\n"); else fail(205, "int3: vector+1", v);
    volatile u64 zero = 0;
    v = TRY(__asm__ volatile("lea 1f(%%rip), %%rax\n mov %%rax, %0\n xor %%edx, %%edx\n mov $7, %%eax\n1: divq %1"
        : "=m"(site) : "r"(zero) : "rax", "rdx", "memory"));
    if (v == 0 + 1 && CATCH->rip == site) puts("PASS exc-de\n"); else fail(206, "div 0: vector+1", v);
    /* IST: #BP through IST1 runs its handler on the IST stack. */
    static u8 ist_stack[4096] __attribute__((aligned(16)));
    setup_user();                                     /* loads a TSS */
    *(u64 *) (tss + 0x24) = (u64) ist_stack + sizeof ist_stack;
    idt_set_ist(3, 1);
    v = TRY(__asm__ volatile("int3"));
    idt_set_ist(3, 0);
    u64 fr = CATCH->frame;
    if (v == 3 + 1 && fr >= (u64) ist_stack && fr < (u64) ist_stack + sizeof ist_stack) puts("PASS exc-ist\n");
    else fail(209, "IST: frame address", fr);
    /* SWAPGS exchanges GS_BASE and KERNEL_GS_BASE. */
    wrmsr(0xC0000101, 0x1111000); wrmsr(0xC0000102, 0x2222000);
    __asm__ volatile("swapgs");
    if (rdmsr(0xC0000101) == 0x2222000 && rdmsr(0xC0000102) == 0x1111000) puts("PASS swapgs\n");
    else fail(210, "swapgs GS_BASE", rdmsr(0xC0000101));
    wrmsr(0xC0000101, 0); wrmsr(0xC0000102, 0);
    v = TRY(__asm__ volatile("ud2"));
    if (v == UD + 1) puts("PASS exc-ud\n"); else fail(207, "ud2: vector+1", v);
    /* UART: LSR says the transmitter is empty; the line reaches stdout. */
    if (inb(0x3FD) & 0x20) { const char *m = "PASS uart\n"; while (*m) outb(0x3F8, (u8) *m++); }
    else fail(208, "uart LSR", inb(0x3FD));
}

/* ---- SMP: TLB shootdown by IPI */

#define SHOOT_VEC 0x30
#define SHOT 0x0000000000600000UL
static volatile int acks, ready, go;

static volatile int shot[16];

static void shoot_handler(struct frame *f) {
    (void) f;
    invlpg(SHOT);
    shot[cpu_index()] = 1;
    __atomic_fetch_add(&acks, 1, __ATOMIC_SEQ_CST);
    wrmsr(0x80B, 0);   /* EOI */
}

#define WAKE_VEC 0x31
static volatile int released;

static void wake_handler(struct frame *f) { (void) f; wrmsr(0x80B, 0); }

static void ap_main(int me) {
    write_cr3(R);
    volatile u64 x = load(SHOT);                       /* fill this vCPU's TLB */
    (void) x;
    __atomic_fetch_add(&ready, 1, __ATOMIC_SEQ_CST);
    /* Sleep until the shootdown IPI: STI's one-instruction shadow makes "sti; hlt" race-free. */
    while (!shot[me]) __asm__ volatile("sti; hlt; cli");
    while (!go) __asm__ volatile("pause");
    int v = TRY(load(SHOT));
    if (v == PF + 1 && CATCH->cr2 == SHOT) pass_indexed("shootdown-vcpu", me);
    else { fail(100 + me, "shootdown: expected #PF, vector+1", v); }
    __atomic_fetch_add(&acks, 1, __ATOMIC_SEQ_CST);
    for (;;) __asm__ volatile("cli; hlt");
}

static void shootdown(int n) {
    map_4k(R, SHOT, 0x700000, 2);
    write_cr3(R);
    load(SHOT);
    go = 0;
    __atomic_store_n(&R, R, __ATOMIC_SEQ_CST);
    ready = 0;
    released = 1;
    wrmsr(0x830, (3UL << 18) | WAKE_VEC);             /* wake the APs: fixed IPI to all but self */
    while (ready != n - 1) __asm__ volatile("pause");
    *pte_of(R, SHOT, 0) = 0;                          /* unmap */
    invlpg(SHOT);
    acks = 0;
    wrmsr(0x830, (3UL << 18) | SHOOT_VEC);            /* fixed IPI to all but self */
    while (acks != n - 1) __asm__ volatile("pause");
    acks = 0;
    go = 1;
    while (acks != n - 1) __asm__ volatile("pause");
    int v = TRY(load(SHOT));
    if (v == PF + 1) { puts("PASS shootdown-vcpu0\n"); } else fail(100, "shootdown: expected #PF, vector+1", v);
}

void kmain(struct boot_info *bi, u64 index) {
    boot = bi;
    wrmsr(0x1B, rdmsr(0x1B) | (3UL << 10));            /* x2APIC on */
    irq_handlers[SHOOT_VEC] = shoot_handler;
    irq_handlers[WAKE_VEC] = wake_handler;
    idt_init();
    if (index != 0) {
        /* Sleep (HLT, woken by the BSP's IPI) while the BSP runs the single-vCPU cases. */
        while (!released) __asm__ volatile("sti; hlt; cli");
        ap_main((int) index);
    }
    if (bi->magic != 0x3638584A) { puts("FAIL boot-info magic\n"); exit_guest(1); }
    u32 a, b, c, dd;
    cpuid(7, 1, &a, &b, &c, &dd); has_lam = (a >> 26) & 1;
    cpuid(1, 0, &a, &b, &c, &dd); has_pcid = (c >> 17) & 1;
    cpuid(7, 0, &a, &b, &c, &dd); has_invpcid = (b >> 10) & 1; has_la57_cpu = (c >> 16) & 1;
    la57 = (read_cr4() & CR4_LA57) != 0;
    cr4_0 = read_cr4();
    R = read_cr3() & ~(B61 | B62);
    puts("jx86 sysmode cases: lam="); put_dec(has_lam); puts(" la57="); put_dec(la57);
    puts(" pcid="); put_dec(has_pcid); puts(" invpcid="); put_dec(has_invpcid);
    puts(" vcpus="); put_dec(bi->vcpus); puts("\n");
    kframe = alloc_frame();
    map_4k(R, K, kframe, 2);
    map_4k(R, KM, 0xFF000000UL, 2);
    VA = la57 ? (1UL << 48) : (1UL << 39);
    P1 = alloc_frame(); P2 = alloc_frame(); P3 = alloc_frame();
    *(u64 *) P1 = 0x1111; *(u64 *) P2 = 0x2222; *(u64 *) P3 = 0x3333;
    write_cr3(R);
    legality();
    lam();
    lam_modes();
    tlb();
    cpl3();
    timer();
    syscalls();
    exceptions();
    if (bi->vcpus > 1) shootdown((int) bi->vcpus);
    puts(failures ? "DONE with failures\n" : "DONE\n");
    exit_guest(failures ? 1 : 0);
}
