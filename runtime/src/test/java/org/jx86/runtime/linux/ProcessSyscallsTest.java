package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Mem;
import org.junit.jupiter.api.Test;

/** Process, identity, time and signal calls; exits; ENOSYS. */
class ProcessSyscallsTest {
    final SyscallHarness h = new SyscallHarness();

    private String field(long buf, int i) {
        byte[] b = h.read(buf + 65L * i, 65);
        int n = 0;
        while (b[n] != 0) n++;
        return new String(b, 0, n);
    }

    @Test
    void uname() {
        long buf = h.alloc(6 * 65);
        assertEquals(0, h.call("uname", buf));
        assertEquals("Linux", field(buf, 0));
        assertEquals("jx86", field(buf, 1));
        assertEquals("6.1.0", field(buf, 2));
        assertEquals("x86_64", field(buf, 4));
        assertEquals(-Errno.EFAULT, h.call("uname", 0));
    }

    @Test
    void clocks() throws Exception {
        long ts = h.alloc(16);
        assertEquals(0, h.call("clock_gettime", TimeSyscalls.CLOCK_REALTIME, ts));
        long sec = h.read64(ts), nsec = h.read64(ts + 8);
        assertTrue(Math.abs(sec * 1000 + nsec / 1_000_000 - System.currentTimeMillis()) < 5000);
        assertTrue(nsec >= 0 && nsec < 1_000_000_000L);
        assertEquals(0, h.call("clock_gettime", TimeSyscalls.CLOCK_MONOTONIC, ts));
        long t1 = h.read64(ts) * 1_000_000_000L + h.read64(ts + 8);
        assertEquals(0, h.call("nanosleep", h.bytes(timespec(0, 2_000_000)), 0));
        assertEquals(0, h.call("clock_gettime", TimeSyscalls.CLOCK_MONOTONIC, ts));
        long t2 = h.read64(ts) * 1_000_000_000L + h.read64(ts + 8);
        assertTrue(t2 - t1 >= 2_000_000, "monotonic time advanced across a 2 ms sleep: " + (t2 - t1));
        assertEquals(0, h.call("clock_gettime", TimeSyscalls.CLOCK_THREAD_CPUTIME_ID, ts));
        assertEquals(-Errno.EINVAL, h.call("clock_gettime", 99, ts));
        assertEquals(0, h.call("clock_getres", TimeSyscalls.CLOCK_MONOTONIC, ts));
        assertEquals(1, h.read64(ts + 8));
        assertEquals(0, h.call("clock_getres", TimeSyscalls.CLOCK_MONOTONIC_COARSE, ts));
        assertEquals(TimeSyscalls.COARSE_RES, h.read64(ts + 8));
        long tv = h.alloc(16);
        assertEquals(0, h.call("gettimeofday", tv, 0));
        assertTrue(h.read64(tv + 8) < 1_000_000);
        long now = h.call("time", 0);
        assertTrue(Math.abs(now - System.currentTimeMillis() / 1000) <= 5);
        assertEquals(-Errno.EINVAL, h.call("nanosleep", h.bytes(timespec(0, 1_000_000_000L)), 0));
        assertEquals(-Errno.EINVAL, h.call("nanosleep", h.bytes(timespec(-1, 0)), 0));
        // absolute sleep to a time already past returns at once
        assertEquals(0, h.call("clock_nanosleep", TimeSyscalls.CLOCK_MONOTONIC, TimeSyscalls.TIMER_ABSTIME,
            h.bytes(timespec(0, 1)), 0));
    }

    private static byte[] timespec(long s, long ns) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(s).putLong(ns).array();
    }

    @Test
    void identity() {
        assertEquals(LinuxProcess.PID, h.call("getpid"));
        assertEquals(LinuxProcess.PID, h.call("gettid"));
        assertEquals(LinuxProcess.PPID, h.call("getppid"));
        assertEquals(HostIds.CURRENT.uid, h.call("getuid"));
        assertEquals(HostIds.CURRENT.uid, h.call("geteuid"));
        assertEquals(HostIds.CURRENT.gid, h.call("getgid"));
        assertEquals(HostIds.CURRENT.gid, h.call("getegid"));
        assertEquals(LinuxProcess.PID, h.call("set_tid_address", 0x1234));
        assertEquals(0x1234, h.process.threads().of(h.cpu).clearChildTid());
        assertEquals(0, h.call("set_robust_list", 0x5000, 24));
        assertEquals(-Errno.EINVAL, h.call("set_robust_list", 0x5000, 16));
        assertEquals(-Errno.ENOSYS, h.call("rseq", 0, 32, 0, 0));
        assertEquals(HostIds.CURRENT.groups.length, h.call("getgroups", 0, 0));
    }

    @Test
    void archPrctlSetsSegmentBases() {
        assertEquals(0, h.call("arch_prctl", ProcessSyscalls.ARCH_SET_FS, 0x7000_1000L));
        assertEquals(0x7000_1000L, h.cpu.s[Slots.FS_BASE]);
        assertEquals(0, h.call("arch_prctl", ProcessSyscalls.ARCH_SET_GS, 0x42));
        assertEquals(0x42, h.cpu.s[Slots.GS_BASE]);
        long out = h.alloc(8);
        assertEquals(0, h.call("arch_prctl", ProcessSyscalls.ARCH_GET_FS, out));
        assertEquals(0x7000_1000L, h.read64(out));
        assertEquals(-Errno.EPERM, h.call("arch_prctl", ProcessSyscalls.ARCH_SET_FS, 0xffff_8000_0000_0000L));
        assertEquals(-Errno.EINVAL, h.call("arch_prctl", 0x9999, 0));
        assertEquals(-Errno.EFAULT, h.call("arch_prctl", ProcessSyscalls.ARCH_GET_GS, 0));
    }

    @Test
    void limits() {
        long r = h.alloc(16);
        assertEquals(0, h.call("prlimit64", 0, Rlimits.STACK, 0, r));
        assertEquals(8L << 20, h.read64(r));
        assertEquals(Rlimits.INFINITY, h.read64(r + 8));
        assertEquals(0, h.call("getrlimit", Rlimits.NOFILE, r));
        assertEquals(1024, h.read64(r));
        Mem.write64(h.cpu, r, 3);
        Mem.write64(h.cpu, r + 8, 1_048_576);
        assertEquals(0, h.call("setrlimit", Rlimits.NOFILE, r));
        long fds = h.alloc(8);
        assertEquals(0, h.call("pipe2", fds, 0));
        assertEquals(-Errno.EMFILE, h.call("pipe2", fds, 0), "only 3 descriptors allowed now");
        Mem.write64(h.cpu, r, 10);
        Mem.write64(h.cpu, r + 8, 5);
        assertEquals(-Errno.EINVAL, h.call("setrlimit", Rlimits.NOFILE, r));
        assertEquals(-Errno.EINVAL, h.call("getrlimit", 99, r));
    }

    @Test
    void getrandomIsDeterministicPerSeed() {
        byte[][] got = new byte[3][];
        long[] seeds = {7, 7, 8};
        for (int i = 0; i < 3; i++) {
            SyscallHarness s = new SyscallHarness(new ProcessOptions(java.nio.file.Path.of("/"), seeds[i], false));
            long buf = s.alloc(64);
            assertEquals(64, s.call("getrandom", buf, 64, 0));
            got[i] = s.read(buf, 64);
        }
        assertArrayEquals(got[0], got[1]);
        assertFalse(java.util.Arrays.equals(got[0], got[2]));
        assertEquals(-Errno.EINVAL, h.call("getrandom", h.alloc(8), 8, 0x80));
    }

    @Test
    void affinitySysinfoRusage() {
        long mask = h.alloc(128);
        long n = h.call("sched_getaffinity", 0, 128, mask);
        assertEquals(8 * ((Runtime.getRuntime().availableProcessors() + 63) / 64), n);
        assertEquals(Runtime.getRuntime().availableProcessors(), Long.bitCount(h.read64(mask)));
        assertEquals(-Errno.EINVAL, h.call("sched_getaffinity", 0, 4, mask));
        assertEquals(-Errno.ESRCH, h.call("sched_getaffinity", 4242, 128, mask));
        long si = h.alloc(112);
        assertEquals(0, h.call("sysinfo", si));
        assertTrue(h.read64(si + 32) > 0, "totalram");
        assertEquals(1, h.read32(si + 104), "mem_unit");
        long ru = h.alloc(144);
        assertEquals(0, h.call("getrusage", 0, ru));
        assertEquals(-Errno.EINVAL, h.call("getrusage", 5, ru));
        assertEquals(0, h.call("sched_yield"));
        assertEquals(022, h.call("umask", 077));
        assertEquals(077, h.call("umask", 022));
    }

    @Test
    void exitStatusIsTheLowByte() {
        assertEquals(3, assertThrows(GuestExit.class, () -> h.call("exit_group", 3)).status);
        // exit ends the calling thread; GuestRunner turns the last thread's exit into the process's.
        assertEquals(0xff, assertThrows(ThreadExit.class, () -> h.call("exit", -1)).status);
        assertEquals(1, assertThrows(GuestExit.class, () -> h.call("exit_group", 257)).status);
    }

    @Test
    void unimplementedIsEnosys() {
        assertEquals(-Errno.ENOSYS, h.call("acct", 0));
        assertEquals(-Errno.ENOSYS, h.callNr(5000));
        assertEquals(-Errno.ENOSYS, h.callNr(-1));
        assertEquals("fork", SyscallNames.name(57));
        assertTrue(h.sys.table().implemented().contains("fork"));
        assertEquals("syscall_5000", SyscallNames.name(5000));
        assertTrue(h.sys.table().implemented().contains("openat"));
    }

    @Test
    void abortKillsTheProcessTheWayGlibcRaisesIt() {
        long set = h.alloc(8), old = h.alloc(8);
        // raise(): block everything, tgkill self, restore the mask; the signal lands on restore
        Mem.write64(h.cpu, set, -1L);
        assertEquals(0, h.call("rt_sigprocmask", SignalState.SIG_BLOCK, set, old, 8));
        assertEquals(0, h.call("tgkill", LinuxProcess.PID, LinuxProcess.PID, Sig.SIGABRT));
        assertEquals(Sig.bit(Sig.SIGABRT), h.process.signals().pending(h.process.signals().thread(h.cpu)));
        GuestSignalExit e = assertThrows(GuestSignalExit.class,
            () -> h.call("rt_sigprocmask", SignalState.SIG_SETMASK, old, 0, 8));
        assertEquals(Sig.SIGABRT, e.signal);
        assertEquals(134, e.exitStatus());
        assertEquals("guest terminated by signal 6 (Aborted)", e.getMessage());
    }

    @Test
    void killOfSelf() {
        assertEquals(0, h.call("kill", LinuxProcess.PID, 0), "signal 0 probes");
        assertEquals(-Errno.ESRCH, h.call("kill", 4321, Sig.SIGTERM));
        assertEquals(-Errno.EINVAL, h.call("kill", LinuxProcess.PID, 65));
        assertEquals(0, h.call("kill", LinuxProcess.PID, Sig.SIGCHLD), "default action: ignore");
        assertEquals(Sig.SIGTERM, assertThrows(GuestSignalExit.class,
            () -> h.call("kill", LinuxProcess.PID, Sig.SIGTERM)).signal);
        assertEquals(Sig.SIGKILL, assertThrows(GuestSignalExit.class,
            () -> h.call("tkill", LinuxProcess.PID, Sig.SIGKILL)).signal);
    }

    @Test
    void sigactionRecordsAndReturnsOldActions() {
        long act = h.alloc(32), old = h.alloc(32);
        Mem.write64(h.cpu, act, 0x401000);
        Mem.write64(h.cpu, act + 8, 0x0400_0000L);  // SA_RESTORER
        Mem.write64(h.cpu, act + 16, 0x401100);
        Mem.write64(h.cpu, act + 24, -1L);
        assertEquals(0, h.call("rt_sigaction", Sig.SIGUSR1, act, 0, 8));
        assertEquals(0, h.call("rt_sigaction", Sig.SIGUSR1, 0, old, 8));
        assertEquals(0x401000, h.read64(old));
        assertEquals(0x0400_0000L, h.read64(old + 8));
        assertEquals(0x401100, h.read64(old + 16));
        assertEquals(-1L & ~(Sig.bit(Sig.SIGKILL) | Sig.bit(Sig.SIGSTOP)), h.read64(old + 24));
        assertEquals(-Errno.EINVAL, h.call("rt_sigaction", Sig.SIGKILL, act, 0, 8));
        assertEquals(-Errno.EINVAL, h.call("rt_sigaction", 0, act, 0, 8));
        assertEquals(-Errno.EINVAL, h.call("rt_sigaction", Sig.SIGUSR1, act, 0, 4));
        assertEquals(-Errno.EFAULT, h.call("rt_sigaction", Sig.SIGUSR1, 8, 0, 8));
        // a signal with a guest handler does not kill: the vCPU goes to the handler (SignalFrameTest)
        h.cpu.s[org.jx86.vmm.Slots.RSP] = SyscallHarness.SCRATCH + SyscallHarness.SCRATCH_SIZE - 64;
        assertEquals(0, h.call("kill", LinuxProcess.PID, Sig.SIGUSR1));
        assertEquals(0x401000, h.cpu.rip);
    }

    @Test
    void sigprocmaskAndAltstack() {
        long set = h.alloc(8), old = h.alloc(8);
        Mem.write64(h.cpu, set, Sig.bit(Sig.SIGINT) | Sig.bit(Sig.SIGKILL));
        assertEquals(0, h.call("rt_sigprocmask", SignalState.SIG_BLOCK, set, 0, 8));
        assertEquals(0, h.call("rt_sigprocmask", SignalState.SIG_BLOCK, 0, old, 8));
        assertEquals(Sig.bit(Sig.SIGINT), h.read64(old), "SIGKILL cannot be blocked");
        assertEquals(-Errno.EINVAL, h.call("rt_sigprocmask", 7, set, 0, 8));
        assertEquals(-Errno.EINVAL, h.call("rt_sigprocmask", 0, set, 0, 16));

        long ss = h.alloc(24), oss = h.alloc(24);
        assertEquals(0, h.call("sigaltstack", 0, oss));
        assertEquals(SignalState.SS_DISABLE, h.read32(oss + 8));
        Mem.write64(h.cpu, ss, 0x150000);
        Mem.write32(h.cpu, ss + 8, 0);
        Mem.write64(h.cpu, ss + 16, 16384);
        assertEquals(0, h.call("sigaltstack", ss, 0));
        assertEquals(0, h.call("sigaltstack", 0, oss));
        assertEquals(0x150000, h.read64(oss));
        assertEquals(16384, h.read64(oss + 16));
        Mem.write64(h.cpu, ss + 16, 100);
        assertEquals(-Errno.ENOMEM, h.call("sigaltstack", ss, 0));
    }

    @Test
    void futexSingleThreaded() {
        long f = h.alloc(8);
        Mem.write32(h.cpu, f, 1);
        assertEquals(0, h.call("futex", f, FutexSyscall.FUTEX_WAKE | FutexSyscall.FUTEX_PRIVATE_FLAG, 1));
        assertEquals(-Errno.EAGAIN, h.call("futex", f, FutexSyscall.FUTEX_WAIT, 0, 0));
        long ts = h.bytes(timespec(0, 1_000_000));
        assertEquals(-Errno.ETIMEDOUT, h.call("futex", f, FutexSyscall.FUTEX_WAIT, 1, ts));
        assertEquals(-Errno.EINVAL, h.call("futex", f + 1, FutexSyscall.FUTEX_WAKE, 1));
        assertEquals(-Errno.ENOSYS, h.call("futex", f, 99, 1));
    }

    @Test
    void futexWakesAWaitingThread() throws Exception {
        long f = h.alloc(8);
        Mem.write32(h.cpu, f, 5);
        SyscallHarness other = h; // same process, second vCPU
        org.jx86.vmm.Cpu cpu2 = new org.jx86.vmm.Cpu(h.as);
        long[] result = new long[1];
        Thread t = new Thread(() -> result[0] = h.process.futexes().wait(cpu2, f, 5, Long.MAX_VALUE, -1));
        t.start();
        while (h.process.futexes().waiters(f) == 0) Thread.sleep(1);
        assertEquals(1, other.call("futex", f, FutexSyscall.FUTEX_WAKE, 10));
        t.join(5000);
        assertEquals(0, result[0]);
    }

    @Test
    void straceLogsCallsWithoutChangingResults() {
        SyscallHarness s = new SyscallHarness(new ProcessOptions(java.nio.file.Path.of("/"), 1, true));
        assertEquals(LinuxProcess.PID, s.call("getpid"));
        assertEquals(-Errno.EBADF, s.call("close", 99));
    }
}
