package org.jx86.runtime.linux;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SharedFile} of every host file that some guest process maps with MAP_SHARED,
 * keyed by the file's identity (device and inode), so all mappings of a file in all guest
 * processes share its frames, and a read or write of the file by any guest can bring the
 * mappings and the file into agreement first ({@link HostFile} asks {@link #of}).
 */
final class FileMappings {
    private FileMappings() {}

    record Key(long dev, long ino) {}

    private static final ConcurrentHashMap<Key, SharedFile> FILES = new ConcurrentHashMap<>();
    private static volatile boolean hookInstalled;

    /**
     * The shared pages of f's file with one reference held for the caller (who maps them and
     * then calls {@link SharedFile#release()}), so they cannot go away in between.
     */
    static SharedFile acquire(HostFile f, HostStat st) {
        installExitHook();
        Key k = new Key(st.dev(), st.ino());
        synchronized (FILES) {
            SharedFile s = FILES.get(k);
            if (s == null) FILES.put(k, s = new SharedFile(k, f));
            else s.offer(f);
            s.retain();
            return s;
        }
    }

    /** The shared pages of the file st describes, or null when no guest maps it shared. */
    static SharedFile of(HostStat st) {
        if (FILES.isEmpty()) return null;
        return FILES.get(new Key(st.dev(), st.ino()));
    }

    /** The last mapping of s went: unless someone acquired it meanwhile, write it back and forget it. */
    static void lastReleased(SharedFile s) {
        synchronized (FILES) {
            if (s.references() != 0) return;
            FILES.remove(s.key, s);
            s.close();
        }
    }

    /**
     * Pages still mapped when the JVM exits (the first guest ended and the others were
     * killed) are written back, as the kernel's page cache would still write them.
     */
    private static void installExitHook() {
        if (hookInstalled) return;
        synchronized (FileMappings.class) {
            if (hookInstalled) return;
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (SharedFile s : FILES.values()) {
                    try {
                        s.writeBack();
                    } catch (IOException | RuntimeException e) {
                        // best effort at exit
                    }
                }
            }, "jx86-mmap-writeback"));
        }
    }
}
