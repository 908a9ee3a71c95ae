package org.jx86.vmm.mem;

/**
 * Host frames of a user address space: a three-level radix table over the 35-bit virtual
 * page number of the 47-bit user half, allocating 4 KiB frames on first touch so large
 * reservations cost nothing until used.
 *
 * <pre>
 *  virtual page number (35 bits) = | L1: 12 bits | L2: 12 bits | L3: 11 bits |
 * </pre>
 */
final class FrameTable {
    private static final int L1_BITS = 12, L2_BITS = 12, L3_BITS = 11;
    static final long VPN_LIMIT = 1L << (L1_BITS + L2_BITS + L3_BITS);

    private final byte[][][][] root = new byte[1 << L1_BITS][][][];

    /** The frame of vpn, or null if none was allocated. */
    byte[] get(long vpn) {
        byte[][][] l2 = root[(int) (vpn >>> (L2_BITS + L3_BITS))];
        if (l2 == null) return null;
        byte[][] l3 = l2[(int) (vpn >>> L3_BITS) & ((1 << L2_BITS) - 1)];
        return l3 == null ? null : l3[(int) vpn & ((1 << L3_BITS) - 1)];
    }

    byte[] getOrCreate(long vpn) {
        int i1 = (int) (vpn >>> (L2_BITS + L3_BITS));
        int i2 = (int) (vpn >>> L3_BITS) & ((1 << L2_BITS) - 1);
        int i3 = (int) vpn & ((1 << L3_BITS) - 1);
        byte[][][] l2 = root[i1];
        if (l2 == null) root[i1] = l2 = new byte[1 << L2_BITS][][];
        byte[][] l3 = l2[i2];
        if (l3 == null) l2[i2] = l3 = new byte[1 << L3_BITS][];
        byte[] f = l3[i3];
        if (f == null) l3[i3] = f = new byte[(int) Tlb.PAGE_SIZE];
        return f;
    }

    void put(long vpn, byte[] frame) {
        if (frame == null) {
            remove(vpn);
            return;
        }
        getOrCreate(vpn);
        root[(int) (vpn >>> (L2_BITS + L3_BITS))][(int) (vpn >>> L3_BITS) & ((1 << L2_BITS) - 1)]
            [(int) vpn & ((1 << L3_BITS) - 1)] = frame;
    }

    /** Calls action for every allocated frame, in ascending vpn order. */
    void forEach(FrameVisitor action) {
        for (int i1 = 0; i1 < root.length; i1++) {
            byte[][][] l2 = root[i1];
            if (l2 == null) continue;
            for (int i2 = 0; i2 < l2.length; i2++) {
                byte[][] l3 = l2[i2];
                if (l3 == null) continue;
                long base = ((long) i1 << (L2_BITS + L3_BITS)) | ((long) i2 << L3_BITS);
                for (int i3 = 0; i3 < l3.length; i3++) if (l3[i3] != null) action.visit(base | i3, l3[i3]);
            }
        }
    }

    @FunctionalInterface
    interface FrameVisitor {
        void visit(long vpn, byte[] frame);
    }

    void remove(long vpn) {
        byte[][][] l2 = root[(int) (vpn >>> (L2_BITS + L3_BITS))];
        if (l2 == null) return;
        byte[][] l3 = l2[(int) (vpn >>> L3_BITS) & ((1 << L2_BITS) - 1)];
        if (l3 != null) l3[(int) vpn & ((1 << L3_BITS) - 1)] = null;
    }
}
