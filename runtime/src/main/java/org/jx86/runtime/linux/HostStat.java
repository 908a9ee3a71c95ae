package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * File status as the guest sees it, read from the JDK's "unix:*" attributes (the host's
 * stat), and its encodings as the x86-64 {@code struct stat} and {@code struct statx}.
 *
 * <pre>
 * struct stat (144 bytes)                 struct statx (256 bytes)
 *   0 st_dev      8 st_ino                  0 stx_mask u32   4 stx_blksize u32   8 stx_attributes
 *  16 st_nlink   24 st_mode u32            16 stx_nlink u32 20 stx_uid u32      24 stx_gid u32
 *  28 st_uid u32 32 st_gid u32 36 pad      28 stx_mode u16  32 stx_ino          40 stx_size
 *  40 st_rdev    48 st_size                48 stx_blocks    56 stx_attributes_mask
 *  56 st_blksize 64 st_blocks              64 atime  80 btime  96 ctime  112 mtime  {s64 sec, u32 nsec}
 *  72 st_atim    88 st_mtim  104 st_ctim   128 rdev major/minor  136 dev major/minor (u32 each)
 * 120 unused[3]
 * </pre>
 *
 * The JDK does not report st_blocks or st_blksize: blocks is the size rounded up to 4 KiB
 * in 512-byte units (exact for non-sparse files on common file systems), blksize 4096.
 */
public record HostStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size,
                       long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec) {
    public static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000,
        S_IFBLK = 0060000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFIFO = 0010000;
    public static final int STAT_SIZE = 144, STATX_SIZE = 256;
    /** STATX_BASIC_STATS: everything except btime. */
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int BLKSIZE = 4096;

    public static HostStat of(Path p, boolean followLinks) throws IOException {
        Map<String, Object> a = followLinks ? Files.readAttributes(p, "unix:*")
            : Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        Instant at = ((FileTime) a.get("lastAccessTime")).toInstant();
        Instant mt = ((FileTime) a.get("lastModifiedTime")).toInstant();
        Instant ct = ((FileTime) a.get("ctime")).toInstant();
        return new HostStat((Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("mode"),
            (Integer) a.get("nlink"), (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("rdev"),
            (Long) a.get("size"), at.getEpochSecond(), at.getNano(), mt.getEpochSecond(), mt.getNano(),
            ct.getEpochSecond(), ct.getNano());
    }

    /** A status for objects with no host file (pipes, synthesized files), owned by the user, times now. */
    public static HostStat synthetic(int mode, long size, long ino) {
        Instant now = Instant.now();
        return new HostStat(0x0c, ino, mode, 1, (int) HostIds.CURRENT.uid, (int) HostIds.CURRENT.gid, 0, size,
            now.getEpochSecond(), now.getNano(), now.getEpochSecond(), now.getNano(), now.getEpochSecond(),
            now.getNano());
    }

    public HostStat withSize(long newSize) {
        return new HostStat(dev, ino, mode, nlink, uid, gid, rdev, newSize, atimeSec, atimeNsec, mtimeSec, mtimeNsec,
            ctimeSec, ctimeNsec);
    }

    public int type() { return mode & S_IFMT; }

    public boolean isDirectory() { return type() == S_IFDIR; }

    public boolean isRegular() { return type() == S_IFREG; }

    public long blocks() { return (size + BLKSIZE - 1) / BLKSIZE * (BLKSIZE / 512); }

    public byte[] toStat() {
        ByteBuffer b = ByteBuffer.allocate(STAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev).putLong(8, ino).putLong(16, nlink).putInt(24, mode).putInt(28, uid).putInt(32, gid)
            .putLong(40, rdev).putLong(48, size).putLong(56, BLKSIZE).putLong(64, blocks())
            .putLong(72, atimeSec).putLong(80, atimeNsec).putLong(88, mtimeSec).putLong(96, mtimeNsec)
            .putLong(104, ctimeSec).putLong(112, ctimeNsec);
        return b.array();
    }

    public byte[] toStatx() {
        ByteBuffer b = ByteBuffer.allocate(STATX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, STATX_BASIC_STATS).putInt(4, BLKSIZE).putInt(16, (int) nlink).putInt(20, uid).putInt(24, gid)
            .putShort(28, (short) mode).putLong(32, ino).putLong(40, size).putLong(48, blocks())
            .putLong(64, atimeSec).putInt(72, atimeNsec).putLong(96, ctimeSec).putInt(104, ctimeNsec)
            .putLong(112, mtimeSec).putInt(120, mtimeNsec)
            .putInt(128, major(rdev)).putInt(132, minor(rdev)).putInt(136, major(dev)).putInt(140, minor(dev));
        return b.array();
    }

    /** glibc's gnu_dev_major for the 64-bit dev_t encoding. */
    public static int major(long dev) { return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL)); }

    public static int minor(long dev) { return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL)); }
}
