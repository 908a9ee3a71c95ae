package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** #! line parsing as Linux's binfmt_script does it, and wait status encoding. */
class ExecShebangTest {
    private static String[] parse(String line) {
        byte[] b = HostPaths.bytes(line);
        return ExecSyscalls.shebang(b, b.length);
    }

    @Test
    void interpreterAndOneOptionalArgument() {
        assertArrayEquals(new String[] {"/bin/sh", null}, parse("#!/bin/sh\necho hi\n"));
        assertArrayEquals(new String[] {"/bin/sh", "-e"}, parse("#! /bin/sh -e\n"));
        assertArrayEquals(new String[] {"/usr/bin/env", "python3 -u"}, parse("#!\t/usr/bin/env  python3 -u \t\nx"));
        assertArrayEquals(new String[] {"/bin/sh", null}, parse("#!/bin/sh"), "no newline in the file");
        assertEquals(Errno.ENOEXEC, assertThrows(LinuxError.class, () -> parse("#!  \n")).errno);
    }

    @Test
    void waitStatusWords() {
        assertEquals(0x2a00, WaitStatus.exited(42));
        assertEquals(15, WaitStatus.killed(Sig.SIGTERM, true));
        assertEquals(6 | 0x80, WaitStatus.killed(Sig.SIGABRT, true));
        assertEquals(6, WaitStatus.killed(Sig.SIGABRT, false));
        assertEquals(WaitStatus.CLD_DUMPED, WaitStatus.siCode(6 | 0x80));
        assertEquals(WaitStatus.CLD_KILLED, WaitStatus.siCode(9));
        assertEquals(WaitStatus.CLD_EXITED, WaitStatus.siCode(0x2a00));
        assertEquals(42, WaitStatus.siStatus(0x2a00));
        assertEquals(9, WaitStatus.siStatus(9));
    }
}
