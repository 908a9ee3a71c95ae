package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jx86.vmm.Cpu;

/**
 * statfs and fstatfs from the host file store of the path (the JDK's FileStore): type magic
 * from the file system's name, sizes in blocks, mount flags from the host's /proc/self/mounts.
 * The JDK does not expose inode counts, so f_files and f_ffree are 0 (as Linux reports for
 * file systems without inode limits), and f_fsid is 0.
 *
 * <pre>
 * struct statfs (x86-64, 120 bytes): 0 f_type  8 f_bsize  16 f_blocks  24 f_bfree  32 f_bavail
 *   40 f_files  48 f_ffree  56 f_fsid (int[2])  64 f_namelen  72 f_frsize  80 f_flags  88 f_spare[4]
 * </pre>
 */
final class StatfsSyscalls {
    static final int STATFS_SIZE = 120;
    static final long ST_RDONLY = 1, ST_NOSUID = 2, ST_NODEV = 4, ST_NOEXEC = 8, ST_NOATIME = 0x400,
        ST_NODIRATIME = 0x800, ST_RELATIME = 0x1000, ST_VALID = 0x20;
    private static final long PIPEFS_MAGIC = 0x50495045L, SOCKFS_MAGIC = 0x534F434BL, ANON_INODE_FS_MAGIC = 0x09041934L;
    private static final Map<String, Long> MAGIC = Map.ofEntries(Map.entry("ext2", 0xEF53L), Map.entry("ext3", 0xEF53L),
        Map.entry("ext4", 0xEF53L), Map.entry("tmpfs", 0x01021994L), Map.entry("devtmpfs", 0x01021994L),
        Map.entry("overlay", 0x794C7630L), Map.entry("proc", 0x9FA0L), Map.entry("sysfs", 0x62656572L),
        Map.entry("xfs", 0x58465342L), Map.entry("btrfs", 0x9123683EL), Map.entry("devpts", 0x1CD1L),
        Map.entry("nfs", 0x6969L), Map.entry("nfs4", 0x6969L), Map.entry("ramfs", 0x858458F6L),
        Map.entry("vfat", 0x4D44L), Map.entry("zfs", 0x2FC12FC1L), Map.entry("cgroup2", 0x63677270L),
        Map.entry("squashfs", 0x73717368L), Map.entry("9p", 0x01021997L), Map.entry("fuse", 0x65735546L),
        Map.entry("fuseblk", 0x65735546L), Map.entry("mqueue", 0x19800202L), Map.entry("hugetlbfs", 0x958458F6L));

    private final LinuxProcess p;

    StatfsSyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys2("statfs", (c, path, buf) -> statfs(c, p.paths().resolve(OpenFlags.AT_FDCWD, UserMem.path(c, path)), buf));
        t.sys2("fstatfs", this::fstatfs);
    }

    private long fstatfs(Cpu c, long fd, long buf) throws IOException {
        OpenFile f = p.fds().get(fd);
        if (f.path() != null) return statfs(c, f.path(), buf);
        long magic = f instanceof PipeFile ? PIPEFS_MAGIC
            : f instanceof ChannelSocket || f instanceof PairSocket || f instanceof UnixDgramSocket ? SOCKFS_MAGIC
            : ANON_INODE_FS_MAGIC;
        UserMem.write(c, buf, layout(magic, 4096, 0, 0, 0, ST_VALID));
        return 0;
    }

    private long statfs(Cpu c, Path path, long buf) throws IOException {
        if (!Files.exists(path)) return -Errno.ENOENT;
        FileStore s = Files.getFileStore(path);
        long bsize = s.getBlockSize();
        long flags = ST_VALID | mountFlags(s) | (s.isReadOnly() ? ST_RDONLY : 0);
        UserMem.write(c, buf, layout(MAGIC.getOrDefault(s.type(), 0L), bsize, s.getTotalSpace() / bsize,
            s.getUnallocatedSpace() / bsize, s.getUsableSpace() / bsize, flags));
        return 0;
    }

    private static ByteBuffer layout(long type, long bsize, long blocks, long bfree, long bavail, long flags) {
        return UserMem.struct(STATFS_SIZE).putLong(0, type).putLong(8, bsize).putLong(16, blocks).putLong(24, bfree)
            .putLong(32, bavail).putLong(64, 255).putLong(72, bsize).putLong(80, flags);
    }

    /** The ST_* flags of the mount a FileStore is (its toString is "mount-point (device)"), from /proc/self/mounts. */
    private static long mountFlags(FileStore s) {
        String t = s.toString();
        int cut = t.lastIndexOf(" (");
        String mountPoint = cut > 0 ? t.substring(0, cut) : t;
        try {
            long flags = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length < 4 || !f[1].replace("\\040", " ").equals(mountPoint)) continue;
                flags = 0; // the last mount on a point is the visible one
                for (String o : f[3].split(",")) {
                    flags |= switch (o) {
                        case "nosuid" -> ST_NOSUID;
                        case "nodev" -> ST_NODEV;
                        case "noexec" -> ST_NOEXEC;
                        case "noatime" -> ST_NOATIME;
                        case "nodiratime" -> ST_NODIRATIME;
                        case "relatime" -> ST_RELATIME;
                        default -> 0L;
                    };
                }
            }
            return flags;
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux, or no /proc: flags unknown
        }
    }
}
