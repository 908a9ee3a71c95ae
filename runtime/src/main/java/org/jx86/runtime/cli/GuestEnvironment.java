package org.jx86.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jx86.runtime.linux.HostPaths;

/**
 * The guest's environment: by default the host's, in the host's order (read from
 * /proc/self/environ, so it is byte-for-byte what a native child would get), edited by
 * -E VAR=VALUE and -U VAR in command-line order, as qemu-user does.
 */
public final class GuestEnvironment {
    private GuestEnvironment() {}

    /** One -E or -U, in the order given. value is null for -U. */
    public record Edit(String name, String value) {
        public static Edit parseSet(String arg) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("-E expects VAR=VALUE, got '" + arg + "'");
            return new Edit(arg.substring(0, eq), arg.substring(eq + 1));
        }
    }

    /** The host environment as NAME=value strings, in order. */
    public static List<String> host() {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc/self/environ"));
            List<String> env = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] != 0) continue;
                if (i > start) env.add(HostPaths.string(java.util.Arrays.copyOfRange(b, start, i)));
                start = i + 1;
            }
            return env;
        } catch (IOException | RuntimeException e) {
            List<String> env = new ArrayList<>();
            for (Map.Entry<String, String> e2 : System.getenv().entrySet()) env.add(e2.getKey() + "=" + e2.getValue());
            return env;
        }
    }

    /** Applies edits in order: -E replaces a variable in place or appends it; -U removes it. */
    public static List<String> apply(List<String> env, List<Edit> edits) {
        List<String> out = new ArrayList<>(env);
        for (Edit e : edits) {
            String prefix = e.name() + "=";
            int at = -1;
            for (int i = 0; i < out.size(); i++) if (out.get(i).startsWith(prefix)) { at = i; break; }
            if (e.value() == null) {
                out.removeIf(s -> s.startsWith(prefix));
            } else if (at >= 0) {
                out.set(at, prefix + e.value());
            } else {
                out.add(prefix + e.value());
            }
        }
        return out;
    }

    /** The value of name in env, or null. */
    public static String get(List<String> env, String name) {
        for (String s : env) if (s.startsWith(name + "=")) return s.substring(name.length() + 1);
        return null;
    }
}
