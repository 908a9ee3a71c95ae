package org.jx86.ir;

/** What the IR interpreter needs from the machine it runs on. */
public interface IrEnv {
    long get(int slot);
    void set(int slot, long value);
    /** Loads size bytes, zero-extended; may throw a guest fault. */
    long load(int size, long address);
    void store(int size, long address, long value);
    /** The object passed as the first argument of CONTEXT helpers. */
    Object context();
    /** Called before a guest fault propagates: the faulting instruction's address. */
    void faultAt(long guestAddress);
    /** Called on EXIT with a non-zero code. */
    void exitCode(int code);
}
