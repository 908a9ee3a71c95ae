/**
 * The block profiler ({@code jx86 profile}) and {@code -d} logging. Both hang off the engine
 * through one optional {@link org.jx86.runtime.ExecutionListener}:
 * {@link org.jx86.runtime.profile.Instrumentation} records each translated block
 * ({@link org.jx86.runtime.profile.BlockInfo}: guest bytes, instruction count, symbol), keeps a
 * per-vCPU call-stack shadow from the blocks that end in CALL or RET, and takes the samples
 * that the {@link org.jx86.runtime.profile.Sampler} thread requests through a volatile flag.
 * {@link org.jx86.runtime.profile.Symbolizer} names addresses from the ELF symbol tables of
 * the program and the libraries ld.so mapped; {@link org.jx86.runtime.profile.ProfileReport}
 * ranks the blocks; the writers print a table, JSON, collapsed stacks or an HTML page.
 *
 * <pre>{@code
 * ProfileSession s = new ProfileSession(null, 1_000_000);   // sample every 1 ms
 * EngineOptions o = new EngineOptions();
 * o.listener = s.listener();
 * s.start();
 * GuestRunner.run(process, cpu, o);                        // ends by throwing GuestExit
 * ... catch, then:
 * s.finish("prog", new ProfileReport.Options(20, true, false, false, null), ProfileSession.Format.TABLE, err);
 * }</pre>
 */
package org.jx86.runtime.profile;
