package org.jx86.runtime.linux;

import java.nio.file.Path;

/**
 * How a guest process is set up.
 *
 * @param sysroot directory that guest absolute paths are tried under first (like qemu's -L);
 *                the ELF interpreter is always loaded from {@code sysroot + PT_INTERP}
 * @param seed    seed of AT_RANDOM and getrandom
 * @param strace  log every system call and its result on stderr
 * @param root    --root: the directory the guest's whole file-system view is confined to, or null
 */
public record ProcessOptions(Path sysroot, long seed, boolean strace, Path root) {
    public ProcessOptions(Path sysroot, long seed, boolean strace) { this(sysroot, seed, strace, null); }

    /** "jx86" in ASCII: the default seed, so runs are reproducible unless asked otherwise. */
    public static final long DEFAULT_SEED = 0x6a78_3836L;

    public static ProcessOptions defaults() { return new ProcessOptions(Path.of("/"), DEFAULT_SEED, false); }

    public boolean hasSysroot() { return !sysroot.normalize().toString().equals("/"); }
}
