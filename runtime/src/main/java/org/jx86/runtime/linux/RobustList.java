package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.mem.Atomics;
import org.jx86.vmm.mem.Mem;

/**
 * The robust futex list walk a thread's death triggers (kernel/futex/core.c,
 * exit_robust_list): every robust mutex the thread still holds gets FUTEX_OWNER_DIED, and
 * one waiter is woken, so a sibling's pthread_mutex_lock returns EOWNERDEAD instead of
 * hanging.
 *
 * <pre>
 * struct robust_list_head {             // set_robust_list(head, 24)
 *     struct robust_list *next;          //  0: circular list of held locks, bit 0 = PI
 *     long futex_offset;                 //  8: from a list entry to its futex word
 *     struct robust_list *list_op_pending; // 16: a lock being taken or released
 * };
 * </pre>
 */
final class RobustList {
    private RobustList() {}

    static final int FUTEX_WAITERS = 0x8000_0000, FUTEX_OWNER_DIED = 0x4000_0000, FUTEX_TID_MASK = 0x3fff_ffff;
    /** ROBUST_LIST_LIMIT: protects against a circular list that never returns to the head. */
    static final int LIMIT = 2048;

    static void release(LinuxProcess p, Cpu c, int tid, long head) {
        if (head == 0) return;
        try {
            long entry = Mem.read64(c, head);
            long offset = Mem.read64(c, head + 8);
            long pending = Mem.read64(c, head + 16);
            for (int n = 0; (entry & ~1L) != head && n < LIMIT; n++) {
                long next = Mem.read64(c, entry & ~1L);
                if (entry != pending) death(p, c, (entry & ~1L) + offset, tid, (entry & 1) != 0, false);
                entry = next;
            }
            if (pending != 0) death(p, c, (pending & ~1L) + offset, tid, (pending & 1) != 0, true);
        } catch (GuestFault f) {
            // a corrupt list ends the walk, as in the kernel
        }
    }

    /** handle_futex_death: mark a futex owned by the dead thread and wake one waiter. */
    static void death(LinuxProcess p, Cpu c, long uaddr, int tid, boolean pi, boolean pendingOp) {
        if ((uaddr & 3) != 0) return;
        while (true) {
            int uval = (int) Mem.read32(c, uaddr);
            if (pendingOp && !pi && uval == 0) {
                FutexSyscall.wakeShared(p, uaddr, 1);
                return;
            }
            if ((uval & FUTEX_TID_MASK) != tid) return;
            int mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
            if ((int) Atomics.cmpxchg(c, uaddr, 4, uval, mval) != uval) continue;
            if (!pi && (uval & FUTEX_WAITERS) != 0) FutexSyscall.wakeShared(p, uaddr, 1);
            return;
        }
    }
}
