package org.jx86.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal machine for the IR interpreter: 64 slots and one 4 KiB page of little-endian
 * memory at {@link #BASE}; any other address throws {@link Fault}.
 */
final class TestEnv implements IrEnv {
    static final long BASE = 0x1000;

    /** What an access outside the page throws. */
    static final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long address;

        Fault(long address) {
            super("fault at 0x" + Long.toHexString(address), null, false, false);
            this.address = address;
        }
    }

    final long[] slots = new long[64];
    final byte[] memory = new byte[0x1000];
    final List<Long> faults = new ArrayList<>();
    int exitCode;
    final Object context = new Object();

    @Override
    public long get(int slot) { return slots[slot]; }

    @Override
    public void set(int slot, long value) { slots[slot] = value; }

    @Override
    public long load(int size, long address) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) v = v << 8 | memory[offset(address + k)] & 0xFF;
        return v;
    }

    @Override
    public void store(int size, long address, long value) {
        for (int k = 0; k < size; k++) offset(address + k);   // all or nothing
        for (int k = 0; k < size; k++) memory[offset(address + k)] = (byte) (value >>> (8 * k));
    }

    private static int offset(long a) {
        if (a < BASE || a >= BASE + 0x1000) throw new Fault(a);
        return (int) (a - BASE);
    }

    @Override
    public Object context() { return context; }

    @Override
    public void faultAt(long guestAddress) { faults.add(guestAddress); }

    @Override
    public void exitCode(int code) { exitCode = code; }
}
