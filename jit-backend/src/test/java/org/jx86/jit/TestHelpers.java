package org.jx86.jit;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/** Helpers called by test IR; public so generated code can link to them. */
public final class TestHelpers {
    private TestHelpers() {}

    /** PURE: an arbitrary mix of three values. */
    public static long mix(long a, long b, long c) {
        return Long.rotateLeft(a * 0x9E3779B97F4A7C15L ^ b, 17) + c;
    }

    /** CONTEXT: accumulates a into the long[] the test put in cpu.owner; returns the sum. */
    public static long accumulate(Cpu cpu, long a) {
        long[] acc = (long[]) cpu.owner;
        acc[0] += a;
        return acc[0];
    }

    /** CONTEXT, void: folds a into the hash kept in cpu.owner[1]. */
    public static void log(Cpu cpu, long a) {
        long[] acc = (long[]) cpu.owner;
        acc[1] = acc[1] * 31 + a;
    }

    /** SYNC_STATE: rcx = rax * 2 and rax = old rcx, reading and writing cpu.s. */
    public static void swapDouble(Cpu cpu) {
        long a = cpu.s[0], c = cpu.s[1];
        cpu.s[1] = a * 2;
        cpu.s[0] = c;
    }

    /** SYNC_STATE, returns: rdx += a; returns rax + rcx as the helper sees them. */
    public static long syncSum(Cpu cpu, long a) {
        cpu.s[2] += a;
        return cpu.s[0] + cpu.s[1];
    }

    /** SYNC_STATE | MAY_FAULT: changes rbx, then faults (#DE) when a is zero. */
    public static long syncThenFault(Cpu cpu, long a) {
        cpu.s[3] = 0x5555;
        if (a == 0) throw GuestFault.of(Vector.DE);
        return a;
    }

    /** MAY_FAULT: #DE when b is zero, else unsigned a / b. */
    public static long checkedDiv(long a, long b) {
        if (b == 0) throw GuestFault.of(Vector.DE);
        return Long.divideUnsigned(a, b);
    }

    /** Declares a context parameter that is not a Cpu: the backend must refuse it. */
    public static long wrongContext(String notACpu, long a) { return a; }

    /** A void helper without context: counts calls in a static (tests only). */
    public static long calls;

    public static void count(long a) { calls += a; }
}
