package org.jx86.runtime.linux;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Who and where the process runs: uname, the user and group ids (the host user's), resource
 * limits, getrusage, sysinfo.
 */
final class IdentitySyscalls {
    /** What uname reports: a Linux 6.1 x86-64 machine named "jx86". */
    static final String SYSNAME = "Linux", NODENAME = "jx86", RELEASE = "6.1.0", VERSION = "#1 SMP PREEMPT_DYNAMIC jx86",
        MACHINE = "x86_64", DOMAINNAME = "(none)";
    static final int UTS_FIELD = 65;
    static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LinuxProcess p;
    private final HostIds ids = HostIds.CURRENT;

    IdentitySyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys1("uname", this::uname);
        t.sys0("getuid", c -> ids.uid);
        t.sys0("geteuid", c -> ids.uid);
        t.sys0("getgid", c -> ids.gid);
        t.sys0("getegid", c -> ids.gid);
        t.sys3("getresuid", (c, r, e, s) -> triple(c, r, e, s, ids.uid));
        t.sys3("getresgid", (c, r, e, s) -> triple(c, r, e, s, ids.gid));
        t.sys2("getgroups", this::getgroups);
        t.sys2("getrlimit", (c, res, old) -> prlimit64(c, 0, res, 0, old));
        t.sys2("setrlimit", (c, res, lim) -> prlimit64(c, 0, res, lim, 0));
        t.sys4("prlimit64", this::prlimit64);
        t.sys2("getrusage", this::getrusage);
        t.sys1("sysinfo", this::sysinfo);
    }

    /** struct utsname: six NUL-padded 65-byte fields. */
    long uname(Cpu c, long buf) {
        ByteBuffer b = UserMem.struct(6 * UTS_FIELD);
        String[] fields = {SYSNAME, NODENAME, RELEASE, VERSION, MACHINE, DOMAINNAME};
        for (int i = 0; i < fields.length; i++) b.put(i * UTS_FIELD, HostPaths.bytes(fields[i]));
        UserMem.write(c, buf, b);
        return 0;
    }

    private static long triple(Cpu c, long r, long e, long s, long id) {
        Mem.write32(c, r, id);
        Mem.write32(c, e, id);
        Mem.write32(c, s, id);
        return 0;
    }

    long getgroups(Cpu c, long size, long list) {
        long[] g = ids.groups;
        if (size == 0) return g.length;
        if (size < g.length) return -Errno.EINVAL;
        ByteBuffer b = UserMem.struct(4 * g.length);
        for (long x : g) b.putInt((int) x);
        UserMem.write(c, list, b);
        return g.length;
    }

    /** struct rlimit is {rlim_cur, rlim_max}, 64-bit each. */
    long prlimit64(Cpu c, long pid, long resource, long newLimit, long oldLimit) {
        if (pid != 0 && pid != p.pid()) return -Errno.ESRCH;
        if (resource < 0 || resource >= Rlimits.COUNT) return -Errno.EINVAL;
        Rlimits r = p.rlimits();
        int res = (int) resource;
        long s = 0, h = 0;
        if (newLimit != 0) {
            s = Mem.read64(c, newLimit);
            h = Mem.read64(c, newLimit + 8);
        }
        if (oldLimit != 0) {
            Mem.write64(c, oldLimit, r.soft(res));
            Mem.write64(c, oldLimit + 8, r.hard(res));
        }
        return newLimit != 0 ? r.update(res, s, h) : 0;
    }

    /**
     * struct rusage (144 bytes): ru_utime and ru_stime timevals, then 14 longs of which
     * ru_maxrss (KiB, the guest's mapped memory) is filled.
     */
    long getrusage(Cpu c, long who, long buf) {
        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) return -Errno.EINVAL;
        ByteBuffer b = UserMem.struct(144);
        if (who != RUSAGE_CHILDREN && THREADS.isCurrentThreadCpuTimeSupported()) {
            long cpu = THREADS.getCurrentThreadCpuTime(), user = THREADS.getCurrentThreadUserTime();
            long sys = Math.max(0, cpu - user);
            b.putLong(0, user / 1_000_000_000L).putLong(8, user % 1_000_000_000L / 1000)
                .putLong(16, sys / 1_000_000_000L).putLong(24, sys % 1_000_000_000L / 1000);
            long mapped = 0;
            for (var v : p.space().mappings()) if (v.prot() != 0 && !v.name().equals("[stack]")) mapped += v.length();
            b.putLong(32, mapped / 1024);
        }
        UserMem.write(c, buf, b);
        return 0;
    }

    /**
     * struct sysinfo (112 bytes): uptime, loads[3] (x 65536), totalram, freeram, sharedram,
     * bufferram, totalswap, freeswap, u16 procs, totalhigh, freehigh, u32 mem_unit.
     */
    long sysinfo(Cpu c, long buf) {
        ByteBuffer b = UserMem.struct(112);
        b.putLong(0, uptimeSeconds());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long l = load < 0 ? 0 : (long) (load * 65536);
        b.putLong(8, l).putLong(16, l).putLong(24, l);
        long total = Runtime.getRuntime().maxMemory(), free = total;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
            free = os.getFreeMemorySize();
            b.putLong(64, os.getTotalSwapSpaceSize()).putLong(72, os.getFreeSwapSpaceSize());
        }
        b.putLong(32, total).putLong(40, free);
        b.putShort(80, (short) 1);
        b.putInt(104, 1);
        UserMem.write(c, buf, b);
        return 0;
    }

    private static long uptimeSeconds() {
        try {
            String s = Files.readString(Path.of("/proc/uptime"));
            return (long) Double.parseDouble(s.substring(0, s.indexOf(' ')));
        } catch (Exception e) {
            return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        }
    }
}
