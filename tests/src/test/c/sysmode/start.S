/* Entry and interrupt stubs for jx86 system-mode test kernels (see docs/system-mode.md). */
    .section .text.start, "ax"
    .globl _start
_start:
    /* RDI = boot info, RSI = vCPU index, RSP = boot stack, CPL 0, IF = 0. */
    and $-16, %rsp
    call kmain
1:  cli
    hlt
    jmp 1b

    .text
/* Vectors that push an error code: 8, 10-14, 17, 21, 29, 30. */
.macro STUB n
    .globl isr\n
isr\n:
    .if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
    .else
    pushq $0
    .endif
    pushq $\n
    jmp isr_common
.endm

.altmacro
.set i, 0
.rept 64
    STUB %i
    .set i, i + 1
.endr

    .globl guest_setjmp
guest_setjmp:
    mov %rbx, 0(%rdi)
    mov %rbp, 8(%rdi)
    mov %r12, 16(%rdi)
    mov %r13, 24(%rdi)
    mov %r14, 32(%rdi)
    mov %r15, 40(%rdi)
    lea 8(%rsp), %rdx
    mov %rdx, 48(%rdi)
    mov (%rsp), %rdx
    mov %rdx, 56(%rdi)
    xor %eax, %eax
    ret

    .globl guest_longjmp
guest_longjmp:
    mov 0(%rdi), %rbx
    mov 8(%rdi), %rbp
    mov 16(%rdi), %r12
    mov 24(%rdi), %r13
    mov 32(%rdi), %r14
    mov 40(%rdi), %r15
    mov 48(%rdi), %rsp
    mov %esi, %eax
    jmp *56(%rdi)

/* SYSCALL entry for the syscall test: record RAX, RCX, R11 and return with SYSRET. */
    .globl syscall_entry
syscall_entry:
    mov %rax, sc_rax(%rip)
    mov %rcx, sc_rcx(%rip)
    mov %r11, sc_r11(%rip)
    sysretq

isr_common:
    push %rax
    push %rcx
    push %rdx
    push %rbx
    push %rbp
    push %rsi
    push %rdi
    push %r8
    push %r9
    push %r10
    push %r11
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, %rdi
    /* keep the stack 16-byte aligned for the C handler */
    mov %rsp, %rbx
    and $-16, %rsp
    call isr_handler
    mov %rbx, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r11
    pop %r10
    pop %r9
    pop %r8
    pop %rdi
    pop %rsi
    pop %rbp
    pop %rbx
    pop %rdx
    pop %rcx
    pop %rax
    add $16, %rsp
    iretq

    .section .rodata
    .globl isr_table
    .align 8
isr_table:
.macro TABLE_ENTRY n
    .quad isr\n
.endm
.set i, 0
.rept 64
    TABLE_ENTRY %i
    .set i, i + 1
.endr
    .section .note.GNU-stack,"",@progbits
