package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The in-JVM pipe: EOF, EPIPE, EAGAIN, wrap-around, and a writer blocked on a full pipe. */
class PipeBufferTest {
    @Test
    void endOfFileOnlyAfterEveryWriterClosed() throws Exception {
        PipeBuffer p = new PipeBuffer();
        p.write(new byte[] {1, 2, 3}, 0, 3, false);
        byte[] b = new byte[8];
        assertEquals(3, p.read(b, 0, 8, false));
        assertEquals(Errno.EAGAIN, assertThrows(LinuxError.class, () -> p.read(b, 0, 8, true)).errno);
        p.closeWriter();
        assertEquals(0, p.read(b, 0, 8, false));
    }

    @Test
    void brokenPipeWhenNoReader() {
        PipeBuffer p = new PipeBuffer();
        p.closeReader();
        IOException e = assertThrows(IOException.class, () -> p.write(new byte[1], 0, 1, false));
        assertEquals(Errno.EPIPE, Errno.of(e));
    }

    @Test
    void fullPipeBlocksTheWriterUntilRead() throws Exception {
        PipeBuffer p = new PipeBuffer();
        byte[] big = new byte[PipeBuffer.CAPACITY + 5000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 13);
        Thread w = new Thread(() -> {
            try {
                p.write(big, 0, big.length, false);
                p.closeWriter();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        w.start();
        byte[] got = new byte[big.length];
        int n = 0, k;
        while ((k = p.read(got, n, Math.min(3000, got.length - n), false)) > 0) n += k;
        w.join();
        assertEquals(big.length, n);
        assertArrayEquals(big, got);
    }

    @Test
    void nonBlockingWriteOfAnAtomicRecordIsAllOrNothing() throws Exception {
        PipeBuffer p = new PipeBuffer();
        assertEquals(PipeBuffer.CAPACITY - 100, p.write(new byte[PipeBuffer.CAPACITY - 100], 0,
            PipeBuffer.CAPACITY - 100, true));
        assertEquals(Errno.EAGAIN, assertThrows(LinuxError.class,
            () -> p.write(new byte[200], 0, 200, true)).errno, "200 <= PIPE_BUF bytes do not fit: nothing written");
        assertEquals(PipeBuffer.CAPACITY - 100, p.available());
    }
}
