package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-JVM pipe: EOF, EPIPE, EAGAIN, wrap-around, a writer blocked on a full pipe, and
 * blocking reads and writes that a signal for the guest thread interrupts.
 */
@Timeout(120) // a pipe that is not woken would hang the build rather than fail
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
    void attachmentsRideOnTheirBytesAndStopTheRead() throws Exception {
        PipeBuffer p = new PipeBuffer();
        Object fds = "fds", more = "more";
        p.write("ab".getBytes(), 0, 2, false);
        p.write("cde".getBytes(), 0, 3, false, fds);
        p.write("fg".getBytes(), 0, 2, false);
        byte[] b = new byte[16];
        Object[] got = new Object[1];
        assertEquals(5, p.read(b, 0, 16, false, got), "reads through the message with the files, then stops");
        assertEquals(fds, got[0]);
        got[0] = null;
        assertEquals(2, p.read(b, 0, 16, false, got));
        assertEquals(null, got[0]);
        // a plain read drops what it passes into the lost list, for the caller to release
        p.write("h".getBytes(), 0, 1, false, more);
        assertEquals(1, p.read(b, 0, 16, false));
        assertEquals(java.util.List.of(more), p.dropAttachments());
        assertEquals(java.util.List.of(), p.dropAttachments());
        // attachments no reader will take are handed back when the last reader goes
        p.write("i".getBytes(), 0, 1, false, fds);
        p.closeReader();
        assertEquals(java.util.List.of(fds), p.dropAttachments());
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

    /** Runs op on a new thread bound to a guest thread of s; returns once op blocks in the pipe. */
    private static Thread blockedGuestThread(SignalState s, Runnable op) throws InterruptedException {
        ThreadSignals t = s.addThread(new Cpu(new AddressSpace()), 0);
        Thread th = new Thread(() -> {
            t.bindToCurrentThread();
            op.run();
        });
        th.start();
        while (th.getState() != Thread.State.WAITING && th.isAlive()) Thread.onSpinWait();
        return th;
    }

    @Test
    void signalInterruptsABlockedRead() throws Exception {
        PipeBuffer p = new PipeBuffer();
        SignalState s = new SignalState();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread th = blockedGuestThread(s, () -> {
            try {
                result.set(p.read(new byte[4], 0, 4, false));
            } catch (LinuxError e) {
                result.set(e.errno);
            }
        });
        s.post(Sig.SIGUSR1, Siginfo.user(Sig.SIGUSR1, Siginfo.SI_USER, 1001, 0));
        th.join();
        assertEquals(SignalDelivery.ERESTARTSYS, result.get(), "read returns the restart code, nothing read");
        assertEquals(0, p.available());
    }

    @Test
    void signalEndsABlockedWriteWithTheBytesAlreadyWritten() throws Exception {
        PipeBuffer p = new PipeBuffer();
        SignalState s = new SignalState();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread th = blockedGuestThread(s, () -> {
            try {
                result.set(p.write(new byte[PipeBuffer.CAPACITY + 10], 0, PipeBuffer.CAPACITY + 10, false));
            } catch (IOException | LinuxError e) {
                result.set(e);
            }
        });
        s.post(Sig.SIGUSR1, Siginfo.user(Sig.SIGUSR1, Siginfo.SI_USER, 1001, 0));
        th.join();
        assertEquals(PipeBuffer.CAPACITY, result.get(), "a partial write reports what it wrote");
    }

    @Test
    void ignoredSignalDoesNotInterrupt() throws Exception {
        PipeBuffer p = new PipeBuffer();
        SignalState s = new SignalState();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread th = blockedGuestThread(s, () -> result.set(p.read(new byte[4], 0, 4, false)));
        s.post(Sig.SIGCHLD, Siginfo.child(WaitStatus.CLD_EXITED, 1001, 0, 0)); // default action: ignore
        p.write(new byte[] {7}, 0, 1, false);
        th.join();
        assertEquals(1, result.get());
    }
}
