package org.jx86.runtime.linux;

import com.sun.security.auth.module.UnixSystem;

/** The host user's ids, reported to the guest as its own (1000 when the JDK cannot tell). */
public final class HostIds {
    public static final HostIds CURRENT = read();

    public final long uid;
    public final long gid;
    public final long[] groups;

    private HostIds(long uid, long gid, long[] groups) {
        this.uid = uid;
        this.gid = gid;
        this.groups = groups;
    }

    private static HostIds read() {
        try {
            UnixSystem u = new UnixSystem();
            long[] g = u.getGroups();
            return new HostIds(u.getUid(), u.getGid(), g != null ? g : new long[] {u.getGid()});
        } catch (Throwable t) { // not a Unix host, or jdk.security.auth missing from a custom runtime
            return new HostIds(1000, 1000, new long[] {1000});
        }
    }
}
