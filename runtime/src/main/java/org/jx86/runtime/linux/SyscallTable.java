package org.jx86.runtime.linux;

import java.io.IOException;
import org.jx86.vmm.Cpu;

/**
 * The dispatch table: system call number to implementation, with the number of arguments
 * each takes (for --strace). Families register by name so a typo fails at start-up:
 *
 * <pre>{@code
 * t.sys3("read", this::read);   // long read(Cpu c, long fd, long buf, long count)
 * }</pre>
 *
 * An implementation returns the result or -errno, or throws {@link LinuxError}; an
 * IOException is mapped with {@link Errno#of}.
 */
public final class SyscallTable {
    /** The uniform shape every entry is stored as. */
    @FunctionalInterface
    public interface Handler {
        long call(Cpu c, long a0, long a1, long a2, long a3, long a4, long a5) throws IOException;
    }

    @FunctionalInterface public interface Sys0 { long call(Cpu c) throws IOException; }
    @FunctionalInterface public interface Sys1 { long call(Cpu c, long a0) throws IOException; }
    @FunctionalInterface public interface Sys2 { long call(Cpu c, long a0, long a1) throws IOException; }
    @FunctionalInterface public interface Sys3 { long call(Cpu c, long a0, long a1, long a2) throws IOException; }
    @FunctionalInterface public interface Sys4 {
        long call(Cpu c, long a0, long a1, long a2, long a3) throws IOException;
    }
    @FunctionalInterface public interface Sys5 {
        long call(Cpu c, long a0, long a1, long a2, long a3, long a4) throws IOException;
    }

    private final Handler[] handlers = new Handler[SyscallNames.COUNT];
    private final byte[] arity = new byte[SyscallNames.COUNT];

    public void sys0(String name, Sys0 f) { put(name, 0, (c, a, b, d, e, g, h) -> f.call(c)); }

    public void sys1(String name, Sys1 f) { put(name, 1, (c, a, b, d, e, g, h) -> f.call(c, a)); }

    public void sys2(String name, Sys2 f) { put(name, 2, (c, a, b, d, e, g, h) -> f.call(c, a, b)); }

    public void sys3(String name, Sys3 f) { put(name, 3, (c, a, b, d, e, g, h) -> f.call(c, a, b, d)); }

    public void sys4(String name, Sys4 f) { put(name, 4, (c, a, b, d, e, g, h) -> f.call(c, a, b, d, e)); }

    public void sys5(String name, Sys5 f) { put(name, 5, (c, a, b, d, e, g, h) -> f.call(c, a, b, d, e, g)); }

    public void sys6(String name, Handler f) { put(name, 6, f); }

    private void put(String name, int n, Handler h) {
        int nr = SyscallNames.number(name);
        if (nr < 0) throw new IllegalArgumentException("unknown system call " + name);
        if (handlers[nr] != null) throw new IllegalStateException("system call " + name + " registered twice");
        handlers[nr] = h;
        arity[nr] = (byte) n;
    }

    /** The implementation of nr, or null. */
    public Handler get(long nr) { return nr >= 0 && nr < handlers.length ? handlers[(int) nr] : null; }

    public int arity(long nr) { return nr >= 0 && nr < arity.length ? arity[(int) nr] : 6; }

    /** Names of the implemented system calls, in number order. */
    public java.util.List<String> implemented() {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (int i = 0; i < handlers.length; i++) if (handlers[i] != null) l.add(SyscallNames.name(i));
        return l;
    }
}
