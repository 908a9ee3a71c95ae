package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamically linked programs of the machine, run through their own ld.so from the root
 * sysroot: stdout and exit status must match a native run. Needs the Debian packages gzip,
 * lua5.4, perl and python3 (a missing program is skipped).
 */
class DynamicProgramsTest {
    @TempDir static Path dir;

    static Stream<Arguments> programs() throws Exception {
        // Deleted at exit in reverse order of registration: the files first, then the folder.
        Path d = Files.createTempDirectory("jx86-dyn");
        d.toFile().deleteOnExit();
        for (String n : List.of("banana", "apple", "cherry", "date")) {
            Files.writeString(d.resolve(n + ".txt"), n + "\n" + n.length() + "\n").toFile().deleteOnExit();
        }
        Path lines = d.resolve("lines.txt");
        Files.writeString(lines, "pear\nfig\napple\nkiwi\nbanana\n").toFile().deleteOnExit();
        // 300 KB of mixed text and binary, so gzip works through several blocks.
        Path blob = d.resolve("blob.bin");
        byte[] b = new byte[300_000];
        long x = 0x9E37_79B9_7F4A_7C15L; // fixed seed
        for (int i = 0; i < b.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (i / 4096) % 2 == 0 ? (byte) "jx86 gzip round trip ".charAt(i % 21) : (byte) x;
        }
        Files.write(blob, b).toFile().deleteOnExit();
        Path lua = d.resolve("t.lua");
        Files.writeString(lua, String.join("\n",
            "local t = {}",
            "for w in string.gmatch('the quick brown fox jumps over the lazy dog', '%a+') do t[#t + 1] = w:upper() end",
            "table.sort(t)",
            "print(table.concat(t, ' '), #t, string.format('%.4f', math.sqrt(2)))",
            "local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end)",
            "print(co(), co(), co())",
            "os.exit(4)", "")).toFile().deleteOnExit();
        Path py = d.resolve("t.py");
        Files.writeString(py, String.join("\n",
            "import json, re, collections, itertools, functools, math, subprocess, sys",
            "words = re.findall(r'[a-z]+', 'the quick brown fox jumps over the lazy dog the end')",
            "print(json.dumps(collections.Counter(words).most_common(3), sort_keys=True))",
            "print(list(itertools.islice(itertools.permutations('abc'), 4)))",
            "print(functools.reduce(lambda a, b: a * b, range(1, 11)), math.comb(10, 3))",
            "r = subprocess.run(['/bin/echo', 'from', 'subprocess'], capture_output=True, text=True)",
            "print(r.returncode, r.stdout.strip())",
            "sys.exit(3)", "")).toFile().deleteOnExit();
        return Stream.of(
            Arguments.of("/bin/echo", List.of("hello", "dynamic", "world"), null),
            Arguments.of("/bin/cat", List.of(), lines),
            Arguments.of("/bin/ls", List.of("-1", d.toString()), null),
            Arguments.of("/usr/bin/sort", List.of(lines.toString()), null),
            Arguments.of("/usr/bin/wc", List.of(lines.toString()), null),
            Arguments.of("/bin/ls", List.of("/nonexistent-jx86"), null),
            Arguments.of("/usr/bin/gzip", List.of("-cn"), blob),
            Arguments.of("/bin/sh", List.of("-c", "gzip -c < " + blob + " | gzip -dc | cmp - " + blob
                + " && echo round trip identical"), null),
            Arguments.of("/usr/bin/lua5.4", List.of(lua.toString()), null),
            Arguments.of("/usr/bin/perl", List.of("-e", "my %h = (b => 2, a => 1); print join(',', map { \"$_=$h{$_}\" }"
                + " sort keys %h), qq(\\n); printf(qq(%.3f\\n), sqrt 2); my @s = sort { $b <=> $a } (3, 11, 7);"
                + " print qq(@s\\n); exit 6"), null),
            Arguments.of("/usr/bin/python3", List.of("-c", "print(sum(range(10)))"), null),
            Arguments.of("/usr/bin/python3", List.of(py.toString()), null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("programs")
    void matchesNative(String program, List<String> args, Path stdin) throws Exception {
        Path bin = Path.of(program);
        assumeTrue(Files.isExecutable(bin), program + " not installed");
        Path in = stdin != null ? stdin : Files.writeString(dir.resolve("empty"), "");
        Duration t = Duration.ofSeconds(120);
        ProcessRunner.Result nat = ProcessRunner.run(GuestRunner.nativeCommand(bin, args), TestConfig.GUEST_ENV, in, dir, t);
        ProcessRunner.Result jx = ProcessRunner.run(GuestRunner.runnerCommand(bin, args), TestConfig.GUEST_ENV, in, dir, t);
        assertEquals(new String(nat.stdout()), new String(jx.stdout()), program + " stdout; stderr: " + new String(jx.stderr()));
        assertArrayEquals(nat.stdout(), jx.stdout());
        assertEquals(nat.exit(), jx.exit(), program + " exit status; stderr: " + new String(jx.stderr()));
    }
}
