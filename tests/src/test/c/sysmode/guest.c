/* The guest library of guest.h. */
#include "guest.h"

struct catcher catchers[16];
void (*irq_handlers[64])(struct frame *);
int failures;

void outb(u16 port, u8 v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
void outl(u16 port, u32 v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port)); }
u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static volatile int print_lock;
static void lock(void) { while (__atomic_exchange_n(&print_lock, 1, __ATOMIC_ACQUIRE)) __asm__ volatile("pause"); }
static void unlock(void) { __atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE); }

static void putc_raw(char c) { outb(0xE9, (u8) c); }
static void puts_raw(const char *s) { while (*s) putc_raw(*s++); }
static void hex_raw(u64 v) {
    puts_raw("0x");
    for (int i = 60; i >= 0; i -= 4) putc_raw("0123456789abcdef"[(v >> i) & 15]);
}
static void dec_raw(u64 v) {
    char b[24]; int n = 0;
    do { b[n++] = (char) ('0' + v % 10); v /= 10; } while (v);
    while (n) putc_raw(b[--n]);
}
void puts(const char *s) { lock(); puts_raw(s); unlock(); }
void put_hex(u64 v) { lock(); hex_raw(v); unlock(); }
void put_dec(u64 v) { lock(); dec_raw(v); unlock(); }

void exit_guest(u32 code) { for (;;) outl(0xF4, code); }

u64 read_cr0(void) { u64 v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
u64 read_cr2(void) { u64 v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
u64 read_cr3(void) { u64 v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
u64 read_cr4(void) { u64 v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
void write_cr0(u64 v) { __asm__ volatile("mov %0, %%cr0" :: "r"(v) : "memory"); }
void write_cr3(u64 v) { __asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }
void write_cr4(u64 v) { __asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory"); }
u64 rdmsr(u32 msr) { u32 lo, hi; __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr)); return (u64) hi << 32 | lo; }
void wrmsr(u32 msr, u64 v) { __asm__ volatile("wrmsr" :: "c"(msr), "a"((u32) v), "d"((u32) (v >> 32)) : "memory"); }
u64 rdtsc(void) { u32 lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return (u64) hi << 32 | lo; }
void invlpg(u64 va) { __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory"); }
void invpcid(u64 type, void *desc) { __asm__ volatile("invpcid (%1), %0" :: "r"(type), "r"(desc) : "memory"); }
void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d) {
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}
int cpu_index(void) { return (int) rdmsr(0x802); }

/* ---- IDT */

struct gate { u16 off0, sel; u8 ist, type; u16 off1; u32 off2, zero; };
static struct gate idt[64] __attribute__((aligned(16)));
extern void *isr_table[64];

void idt_init(void) {
    for (int i = 0; i < 64; i++) {
        u64 a = (u64) isr_table[i];
        idt[i] = (struct gate) { (u16) a, 0x08, 0, 0x8E, (u16) (a >> 16), (u32) (a >> 32), 0 };
    }
    struct { u16 limit; u64 base; } __attribute__((packed)) d = { sizeof idt - 1, (u64) idt };
    __asm__ volatile("lidt %0" :: "m"(d));
}

void idt_set_ist(int vector, int ist) { idt[vector].ist = (u8) ist; }

void isr_handler(struct frame *f) {
    if (f->vector >= 32 && irq_handlers[f->vector]) {
        irq_handlers[f->vector](f);
        return;
    }
    struct catcher *c = &catchers[cpu_index()];
    if (f->vector < 32 && c->armed) {
        c->armed = 0;
        c->vector = f->vector;
        c->error = f->error;
        c->rip = f->rip;
        c->cs = f->cs;
        c->frame = (u64) f;
        c->cr2 = f->vector == PF ? read_cr2() : 0;
        guest_longjmp(c->buf, 1);
    }
    lock();
    puts_raw("FAIL unexpected-exception vector=");
    dec_raw(f->vector);
    puts_raw(" error=");
    hex_raw(f->error);
    puts_raw(" rip=");
    hex_raw(f->rip);
    puts_raw("\n");
    unlock();
    exit_guest(1);
}

/* ---- paging */

static u8 pool[128][4096] __attribute__((aligned(4096)));
static int pool_next;

u64 alloc_frame(void) {
    int i = __atomic_fetch_add(&pool_next, 1, __ATOMIC_RELAXED);
    if (i >= 128) { puts("FAIL out-of-page-table-frames\n"); exit_guest(1); }
    for (int k = 0; k < 4096; k++) pool[i][k] = 0;
    return (u64) pool[i];
}

#define ADDR(e) ((e) & 0x000FFFFFFFFFF000UL)

u64 *pte_of(u64 root, u64 va, int create) {
    int levels = (read_cr4() & CR4_LA57) ? 5 : 4;
    u64 *table = (u64 *) ADDR(root);
    for (int l = levels; l > 1; l--) {
        u64 *e = &table[(va >> (12 + 9 * (l - 1))) & 511];
        if (!(*e & 1)) {
            if (!create) return 0;
            *e = alloc_frame() | 7;
        } else if (l <= 3 && (*e & 0x80)) {           /* split a large page into 4 KiB pages */
            u64 pt = alloc_frame(), base = ADDR(*e) & ~((1UL << (12 + 9 * (l - 1))) - 1);
            u64 flags = (*e & 0x8000000000000FFFUL) & ~0x80UL;
            u64 step = 1UL << (12 + 9 * (l - 2));
            for (int i = 0; i < 512; i++) ((u64 *) pt)[i] = (base + i * step) | flags | (l == 2 ? 0 : 0x80);
            *e = pt | 7;
            if (l != 2) { l++; continue; }            /* re-walk this level: it is now a table */
        }
        table = (u64 *) ADDR(*e);
    }
    return &table[(va >> 12) & 511];
}

void map_4k(u64 root, u64 va, u64 pa, u64 flags) { *pte_of(root, va, 1) = pa | flags | 1; }

u64 clone_tree(u64 root) {
    u64 *old = (u64 *) ADDR(root), *new = (u64 *) alloc_frame();
    for (int i = 0; i < 512; i++) new[i] = old[i];
    return (u64) new;
}

/* ---- reporting */

void pass(int n) { lock(); puts_raw("PASS "); dec_raw(n); puts_raw("\n"); unlock(); }
void fail(int n, const char *what, u64 got) {
    lock(); puts_raw("FAIL "); dec_raw(n); puts_raw(" "); puts_raw(what); puts_raw(" "); hex_raw(got); puts_raw("\n"); unlock();
    failures++;
}
/* "PASS <name><index>" as one line: vCPUs print concurrently, so the whole line is under the lock. */
void pass_indexed(const char *name, u64 index) {
    lock(); puts_raw("PASS "); puts_raw(name); dec_raw(index); puts_raw("\n"); unlock();
}
void skip(int n, const char *why) { lock(); puts_raw("SKIP "); dec_raw(n); puts_raw(" "); puts_raw(why); puts_raw("\n"); unlock(); }
