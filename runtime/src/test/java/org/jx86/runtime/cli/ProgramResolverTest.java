package org.jx86.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jx86.runtime.linux.GuestLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramResolverTest {
    @TempDir Path dir;

    @Test
    void pathLookupLikeAShell() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a")), b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(a.resolve("tool"), "");                      // not executable: skipped
        Path exe = Files.writeString(b.resolve("tool"), "");
        exe.toFile().setExecutable(true);
        ProgramResolver.Resolved r = ProgramResolver.resolve("tool", a + ":" + b);
        assertEquals(exe, r.file());
        assertEquals(b + "/tool", r.execfn());
        GuestLoadException e = assertThrows(GuestLoadException.class, () -> ProgramResolver.resolve("nothing", a.toString()));
        assertEquals(127, e.exitStatus());
        assertEquals("command not found", e.getMessage());
        assertEquals(127, assertThrows(GuestLoadException.class, () -> ProgramResolver.resolve("", "/bin")).exitStatus());
    }

    @Test
    void slashMeansPath() throws Exception {
        Path exe = Files.writeString(dir.resolve("p"), "");
        exe.toFile().setExecutable(true);
        assertEquals(exe, ProgramResolver.resolve(exe.toString(), "").file());
        assertEquals(exe.toString(), ProgramResolver.resolve(exe.toString(), "").execfn());
        assertEquals(126, assertThrows(GuestLoadException.class,
            () -> ProgramResolver.resolve(dir.toString(), "")).exitStatus());
    }

    @Test
    void environmentEditsApplyInOrder() {
        List<String> env = List.of("A=1", "B=2", "C=3");
        List<GuestEnvironment.Edit> edits = List.of(GuestEnvironment.Edit.parseSet("B=x=y"),
            new GuestEnvironment.Edit("A", null), GuestEnvironment.Edit.parseSet("D="), new GuestEnvironment.Edit("D", null),
            GuestEnvironment.Edit.parseSet("D=4"));
        assertEquals(List.of("B=x=y", "C=3", "D=4"), GuestEnvironment.apply(env, edits));
        assertEquals("3", GuestEnvironment.get(env, "C"));
        assertThrows(IllegalArgumentException.class, () -> GuestEnvironment.Edit.parseSet("=v"));
        List<String> host = GuestEnvironment.host();
        assertEquals(System.getenv("PATH"), GuestEnvironment.get(host, "PATH"));
    }
}
