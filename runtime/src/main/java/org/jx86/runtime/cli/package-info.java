/**
 * The {@code jx86} command line (picocli): parses options, finds the program like a shell,
 * builds the guest environment, loads the guest with {@link org.jx86.runtime.linux.Exec},
 * runs it through {@link org.jx86.runtime.linux.GuestRunner}, and turns every way a run can
 * end into an exit status and at most one line on stderr.
 *
 * <pre>{@code
 * int status = new Main().run("run", "--seed", "7", "-E", "LANG=C", "./hello", "world");
 * }</pre>
 */
package org.jx86.runtime.cli;
