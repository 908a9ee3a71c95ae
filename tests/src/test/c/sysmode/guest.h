/* A tiny library for jx86 system-mode test kernels: console, exit, IDT, exception
 * catching, control registers, MSRs, paging helpers and the x2APIC. */
#ifndef GUEST_H
#define GUEST_H

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef long i64;

struct boot_info {
    u32 magic, version;
    u64 memory;
    u32 vcpus, flags, maxphyaddr, cmdline_len;
    u64 cmdline;
};
#define BOOT_LAM 1
#define BOOT_LA57 2
#define BOOT_PCID 4
#define BOOT_INVPCID 8

struct frame {
    u64 r15, r14, r13, r12, r11, r10, r9, r8, rdi, rsi, rbp, rbx, rdx, rcx, rax;
    u64 vector, error, rip, cs, rflags, rsp, ss;
};

#define GP 13
#define SS 12
#define UD 6
#define PF 14

#define CR0_PG (1UL << 31)
#define CR4_PGE (1UL << 7)
#define CR4_LA57 (1UL << 12)
#define CR4_PCIDE (1UL << 17)
#define CR4_LAM_SUP (1UL << 28)
#define CR3_LAM_U57 (1UL << 61)
#define CR3_LAM_U48 (1UL << 62)
#define CR3_NOFLUSH (1UL << 63)

void outb(u16 port, u8 v);
void outl(u16 port, u32 v);
u8 inb(u16 port);
void puts(const char *s);
void put_hex(u64 v);
void put_dec(u64 v);
void exit_guest(u32 code) __attribute__((noreturn));

u64 read_cr0(void); u64 read_cr2(void); u64 read_cr3(void); u64 read_cr4(void);
void write_cr0(u64 v); void write_cr3(u64 v); void write_cr4(u64 v);
u64 rdmsr(u32 msr);
u64 rdtsc(void);
void wrmsr(u32 msr, u64 v);
void invlpg(u64 va);
void invpcid(u64 type, void *desc);
void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d);
int cpu_index(void);

/* Exception catching: TRY(stmt) runs stmt and evaluates to 0, or to vector + 1 if an
 * exception interrupted it (then caught_error/caught_rip/caught_cr2 describe it). */
struct catcher { u64 buf[8]; volatile int armed; volatile u64 vector, error, rip, cr2, cs, frame; };
/* setjmp/longjmp for the exception catcher (start.S): callee-saved registers, RSP, RIP. */
int guest_setjmp(u64 *buf) __attribute__((returns_twice));
void guest_longjmp(u64 *buf, int v) __attribute__((noreturn));
extern struct catcher catchers[16];
#define CATCH (&catchers[cpu_index()])
#define TRY(stmt) ({ struct catcher *__c = CATCH; int __r = 0; \
    if (guest_setjmp(__c->buf) == 0) { __c->armed = 1; stmt; __c->armed = 0; } \
    else { __r = (int) __c->vector + 1; } __r; })

void idt_init(void);
void idt_set_ist(int vector, int ist);
extern void (*irq_handlers[64])(struct frame *);

/* Paging: the current tree from CR3 (4 or 5 levels by CR4.LA57). */
u64 *pte_of(u64 root, u64 va, int create);      /* 4 KiB PTE, splitting 2 MiB pages */
void map_4k(u64 root, u64 va, u64 pa, u64 flags);
u64 alloc_frame(void);
u64 clone_tree(u64 root);                        /* a new top table sharing lower levels */

/* Test reporting */
extern int failures;
void pass(int n);
void fail(int n, const char *what, u64 got);
void skip(int n, const char *why);
void pass_indexed(const char *name, u64 index);
#define EXPECT_FAULT(n, vec, stmt) do { int __v = TRY(stmt); \
    if (__v == (vec) + 1 && CATCH->error == 0) pass(n); \
    else fail(n, __v ? "wrong exception (vector+1<<8|error)" : "no exception", __v ? ((u64)__v << 8 | CATCH->error) : 0); } while (0)
#define EXPECT_OK(n, stmt) do { int __v = TRY(stmt); \
    if (__v == 0) pass(n); else fail(n, "exception (vector+1)", __v); } while (0)

#endif
