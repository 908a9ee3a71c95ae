package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shell scripts run by busybox sh and by bash-static (Debian package bash-static) under jx86
 * and natively: stdout, stderr and exit status must match. Every script forks, execs and
 * waits, so this covers the processes part of the Linux personality end to end: pipelines,
 * command substitution, subshells, && and ||, redirections, here-documents, loops and exit
 * statuses; background jobs with wait, which needs the shells' SIGCHLD handlers to run (busybox
 * sh sleeps in sigsuspend until its handler has reaped the job).
 */
class ShellTest {
    @TempDir static Path dir;

    static final String PIPELINES = String.join("\n",
        "echo a b c | tr ' ' '\\n' | sort -r | wc -l",
        "echo \"status $?\"",
        "printf '%s\\n' 3 1 2 | sort -n | head -n 2",
        "echo one two | { read a b; echo \"$b $a\"; }",
        "false | true; echo \"last of pipe: $?\"");

    static final String SUBSTITUTION = String.join("\n",
        "x=$(echo hi; exit 3); echo \"$x $?\"",
        "y=$(echo $(echo nested) `echo backquoted`); echo \"$y\"",
        "(cd /; pwd; exit 4); echo \"subshell $?\"; pwd >/dev/null",
        "false && echo no || echo yes",
        "true || echo no && echo and",
        "( exit 0 ) && echo ok",
        "n=$(printf '%s\\n' a b c | wc -l); echo \"lines $n\"",
        "exit 9");

    static final String REDIRECTIONS = String.join("\n",
        "d=$(mktemp -d)",
        "for i in 1 2 3; do echo line$i >> \"$d/f\"; done",
        "wc -l < \"$d/f\"",
        "cat <<EOF",
        "here $((6 * 7)) $HOME",
        "EOF",
        "while read l; do echo \"got $l\"; done < \"$d/f\"",
        "i=0; until [ $i -ge 3 ]; do i=$((i + 1)); done; echo i=$i",
        "ls /nonexistent-jx86 2>/dev/null || echo \"ls failed\"",
        "echo to-stderr 1>&2 2>/dev/null",
        "exec 3>\"$d/g\"; echo via fd3 >&3; exec 3>&-; cat \"$d/g\"",
        "case $i in 3) echo three;; *) echo other;; esac",
        "rm -r \"$d\"",
        "exit 5");

    static final String JOBS = String.join("\n",
        "sleep 0.2 & p=$!",
        "(exit 7) & q=$!",
        "wait $q; echo \"q $?\"",
        "wait $p; echo \"p $?\"",
        "for i in 1 2 3; do (echo job $i >/dev/null; exit $i) & done; wait; echo \"all $?\"");

    /**
     * bash job control without a terminal (set -m): jobs stopped with kill -STOP or stopping
     * themselves with SIGTSTP/SIGSTOP show as Stopped, bg and fg continue them, kill ends them.
     * The script waits for each state change it shows (`jobs -s`/`jobs -r` in a loop), and
     * ends jobs after `disown`, as when bash reports a killed job depends on when it reaps it.
     */
    static final String JOB_CONTROL = String.join("\n",
        "set -m",
        "sleep 5 &",
        "p=$!",
        "kill -STOP %1",
        "until [ -n \"$(jobs -s)\" ]; do sleep 0.05; done",
        "jobs",
        "kill -CONT %1",
        "until [ -n \"$(jobs -r)\" ]; do sleep 0.05; done",
        "jobs",
        "disown %1",
        "kill $p",
        "sh -c 'kill -TSTP $$; exec sleep 5' &",
        "p=$!",
        "until [ -n \"$(jobs -s)\" ]; do sleep 0.05; done",
        "jobs",
        "bg %1",
        "until [ -n \"$(jobs -r)\" ]; do sleep 0.05; done",
        "jobs",
        "disown %1",
        "kill $p",
        "sh -c 'kill -STOP $$; echo fg-resumed; exit 3' &",
        "until [ -n \"$(jobs -s)\" ]; do sleep 0.05; done",
        "jobs",
        "fg %1",
        "echo \"fg $?\"");

    static Stream<Arguments> scripts() {
        List<Arguments> out = new ArrayList<>();
        for (String[] shell : new String[][] {{"/bin/busybox", "sh"}, {"/bin/bash-static", null}}) {
            out.add(Arguments.of(shell[0], shell[1], "pipelines", PIPELINES));
            out.add(Arguments.of(shell[0], shell[1], "substitution", SUBSTITUTION));
            out.add(Arguments.of(shell[0], shell[1], "redirections", REDIRECTIONS));
            out.add(Arguments.of(shell[0], shell[1], "jobs", JOBS));
        }
        out.add(Arguments.of("/bin/bash-static", null, "job control", JOB_CONTROL));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("scripts")
    void matchesNative(String shell, String applet, String name, String script) throws Exception {
        Path bin = Path.of(shell);
        assumeTrue(Files.isExecutable(bin), shell + " not installed");
        List<String> args = new ArrayList<>();
        if (applet != null) args.add(applet);
        args.add("-c");
        args.add(script);
        Path in = Files.writeString(dir.resolve("empty"), "");
        Duration t = Duration.ofSeconds(240);
        ProcessRunner.Result nat = ProcessRunner.run(GuestRunner.nativeCommand(bin, args), TestConfig.GUEST_ENV, in, dir, t);
        ProcessRunner.Result jx = ProcessRunner.run(GuestRunner.runnerCommand(bin, args), TestConfig.GUEST_ENV, in, dir, t);
        String why = shell + " " + name + "; jx86 stderr: " + new String(jx.stderr());
        assertEquals(new String(nat.stdout()), new String(jx.stdout()), why);
        assertEquals(new String(nat.stderr()), new String(jx.stderr()), "stderr of " + why);
        assertEquals(nat.exit(), jx.exit(), "exit status of " + why);
    }
}
