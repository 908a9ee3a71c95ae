/**
 * The Linux user-mode personality: what makes a guest x86-64 Linux program believe it runs
 * on Linux.
 *
 * <ul>
 * <li>Loading: {@link org.jx86.runtime.linux.ElfFile} validates an ELF64 x86-64 executable
 *     (every bad input is a one-line {@link org.jx86.runtime.linux.GuestLoadException});
 *     {@link org.jx86.runtime.linux.ElfLoader} maps its segments;
 *     {@link org.jx86.runtime.linux.InitialStack} builds argc/argv/envp/auxv as the kernel's
 *     create_elf_tables does; {@link org.jx86.runtime.linux.Exec} puts it together
 *     (static, static-pie, and dynamic programs through their PT_INTERP).</li>
 * <li>State: {@link org.jx86.runtime.linux.LinuxProcess} (address space, fds, cwd, signals,
 *     limits), {@link org.jx86.runtime.linux.FdTable} of
 *     {@link org.jx86.runtime.linux.OpenFile}s over JDK I/O.</li>
 * <li>System calls: {@link org.jx86.runtime.linux.LinuxSyscalls} dispatches through a
 *     {@link org.jx86.runtime.linux.SyscallTable} filled by one small class per family
 *     (I/O, file system, directories, memory, time, process, identity, signals).</li>
 * <li>Signals: {@link org.jx86.runtime.linux.SignalState} (process-wide: dispositions,
 *     process-directed pending, the lock) and {@link org.jx86.runtime.linux.ThreadSignals}
 *     (per thread: mask, pending, alternate stack); {@link org.jx86.runtime.linux.SignalDelivery}
 *     is the engine's {@link org.jx86.runtime.GuestEvents} hook, building the kernel's
 *     rt_sigframe ({@link org.jx86.runtime.linux.SignalFrame}) and restarting or failing
 *     interrupted system calls. See docs/signals.md.</li>
 * <li>Threads: {@link org.jx86.runtime.linux.ThreadClone} starts a guest thread on its own
 *     JVM thread and vCPU; {@link org.jx86.runtime.linux.GuestThreads} tracks them and how
 *     the process ends; {@link org.jx86.runtime.linux.Futexes} are the wait queues
 *     (docs/threads.md).</li>
 * <li>Shared memory: MAP_SHARED file mappings share a {@link org.jx86.runtime.linux.SharedFile}
 *     per host file ({@link org.jx86.runtime.linux.FileMappings}), written back at system-call
 *     boundaries; futexes in shared memory wait in {@link org.jx86.runtime.linux.SharedFutexes}
 *     (docs/mmap.md). AF_UNIX datagrams and passed fds: {@link org.jx86.runtime.linux.UnixDgramSocket},
 *     {@link org.jx86.runtime.linux.Ancillary} (docs/net.md).</li>
 * <li>Paths: {@link org.jx86.runtime.linux.PathResolver}, confined by
 *     {@link org.jx86.runtime.linux.RootJail} under --root (docs/root.md); the guest's own
 *     /proc entries in {@link org.jx86.runtime.linux.ProcFs}.</li>
 * <li>Ends: {@link org.jx86.runtime.linux.GuestExit} and
 *     {@link org.jx86.runtime.linux.GuestSignalExit} unwind the engine with the status;
 *     {@link org.jx86.runtime.linux.ThreadExit} ends one thread.</li>
 * </ul>
 *
 * Addresses and limits are in {@link org.jx86.runtime.linux.Layout}; errno values in
 * {@link org.jx86.runtime.linux.Errno}.
 *
 * <pre>{@code
 * LinuxProcess p = Exec.load(ProcessOptions.defaults(), Path.of("hello"), "./hello",
 *     List.of("./hello"), List.of("PATH=/bin"), true);
 * Cpu cpu = p.mainCpu();                       // RIP at the entry, RSP at argc
 * SyscallHandler sys = new LinuxSyscalls(p);   // the engine calls sys.syscall(cpu) on SYSCALL
 * }</pre>
 */
package org.jx86.runtime.linux;
