package org.jx86.tests;

import java.util.List;

/** How a corpus program is compiled; the id is the directory under {@code target/guests/}. */
public enum Variant {
    GCC_O0("gcc-O0", "gcc", "apt-get install gcc", List.of("-O0", "-static")),
    GCC_O2("gcc-O2", "gcc", "apt-get install gcc", List.of("-O2", "-static")),
    MUSL_O2("musl-O2", "musl-gcc", "apt-get install musl-tools", List.of("-O2", "-static")),
    PIE_O2("pie-O2", "gcc", "apt-get install gcc", List.of("-O2", "-static-pie"));

    private final String id;
    private final String compiler;
    private final String installHint;
    private final List<String> flags;

    Variant(String id, String compiler, String installHint, List<String> flags) {
        this.id = id;
        this.compiler = compiler;
        this.installHint = installHint;
        this.flags = flags;
    }

    public String id() {
        return id;
    }

    public String compiler() {
        return compiler;
    }

    /** The command that installs {@link #compiler()} on Debian/Ubuntu. */
    public String installHint() {
        return installHint;
    }

    public List<String> flags() {
        return flags;
    }

    public static Variant byId(String id) {
        for (Variant v : values()) {
            if (v.id.equalsIgnoreCase(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + id + "'; known: gcc-O0, gcc-O2, musl-O2, pie-O2");
    }

    @Override
    public String toString() {
        return id;
    }
}
