package org.jx86.vmm.mem;

/** Told when the guest writes to a page that holds translated code (self-modifying code). */
public interface CodeWriteListener {
    void codePageWritten(long pageAddress);
}
