/**
 * Integration and differential tests that run real guest programs.
 *
 * <p>The corpus ({@code tests/src/test/c/corpus/*.c}) is a set of small, deterministic,
 * self-checking C programs, one theme each. {@link org.jx86.tests.GuestBuild} compiles every
 * program in four {@link org.jx86.tests.Variant variants} (gcc -O0/-O2 static, musl-gcc -O2
 * static, gcc -O2 static-pie) into {@code tests/target/guests/<variant>/<name>}, cached by a hash
 * of source, command line and compiler version. {@link org.jx86.tests.NativeVsJx86Test} runs
 * each binary natively (the oracle) and under jx86 in a subprocess with the same arguments,
 * environment and standard input, and requires identical stdout, stderr and exit status.
 * Expected failures live in {@code src/test/resources/known-failures.txt}, one per line with a
 * reason, never as {@code @Disabled}. {@link org.jx86.tests.CliBadInputTest} checks that bad
 * input to the {@code jx86} command line ends with one {@code jx86: } line and the status a shell
 * would give.
 *
 * <p>System properties (all optional), see {@link org.jx86.tests.TestConfig}:
 * <pre>
 *   jx86.tests.variants=gcc-O2,musl-O2   variants to build and run (default: all four)
 *   jx86.tests.only=printf|string        regex; runs programs whose name it finds
 *   jx86.tests.runner=jx86               jx86 (default) | native (harness self-test) | prefix:CMD ARGS
 *   jx86.tests.jobs=2                    parallel builds and guest runs
 *   jx86.tests.timeout=120               seconds per jx86 run (native runs get 30 s)
 *   jx86.tests.maxTimeouts=6             after this many timeouts the remaining runs fail at once
 *   jx86.tests.jvmArgs="-Xmx1g"          extra JVM options for the jx86 subprocess
 *   jx86.tests.jx86Args="--tier=1"       extra options passed to {@code jx86 run}
 *   jx86.tests.skipNeeds=x87             skip programs that declare {@code jx86-test: needs=x87}
 *   jx86.tests.rebuild=true              ignore the build cache
 * </pre>
 *
 * <p>Usage:
 * <pre>
 *   cd /work/main &amp;&amp; mvn -pl tests -am test                                    # everything
 *   mvn -pl tests test -Djx86.tests.variants=gcc-O2 -Djx86.tests.only='^printf'   # a slice
 *   mvn -pl tests test -Djx86.tests.runner=native                                 # harness self-test
 * </pre>
 */
package org.jx86.tests;
