package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code --root DIR}: the guest's whole file-system view is DIR. Every guest path is resolved
 * here, component by component, in the guest's name space: {@code ..} stops at the root,
 * each symlink is read (never followed by the host) and its target resolved in turn, an
 * absolute target starting again at the root. The host then only ever sees a path made of
 * real directories inside DIR (plus, when the caller does not follow it, a final symlink).
 *
 * <p>A race remains between resolving and the host's use of the path, if something swaps a
 * checked directory for a symlink in between: {@link #verify} closes most of it by checking
 * the host's own resolution ({@code toRealPath}) of the result, and fails with EACCES when
 * that leaves the root. Only a process racing renames inside the root can hit the window
 * left after that check.
 *
 * <p>/proc is the emulated one ({@link ProcFs}): /proc/self/root is the root, /proc/self/cwd
 * the guest's cwd, fd/N and exe lead to the files inside the root; other /proc entries the
 * emulation does not provide do not exist, so no host /proc link can lead out.
 */
public final class RootJail {
    /** The kernel's limit on symlinks followed in one lookup (MAXSYMLINKS). */
    static final int MAX_LINKS = 40;

    private final Path root;

    /** @param dir the root; must be an existing directory */
    public RootJail(Path dir) throws IOException {
        this.root = dir.toRealPath();
        if (!Files.isDirectory(root)) throw new IOException(dir + ": not a directory");
    }

    public Path root() { return root; }

    /** The guest's name of a host path inside the root ("/" for the root), or null when outside. */
    public String guestPath(Path host) {
        Path h = host.toAbsolutePath().normalize();
        if (!h.startsWith(root)) return null;
        String rel = root.relativize(h).toString();
        return rel.isEmpty() ? "/" : "/" + rel;
    }

    /**
     * Resolves a guest path to a host path inside the root.
     *
     * @param start     guest path relative paths start from (already resolved: the cwd or a dirfd)
     * @param path      the guest's path (non-empty)
     * @param followLast whether a symlink as the final component is followed
     * @param proc      how /proc/... components resolve (may be null: no /proc)
     */
    public Path resolve(String start, String path, boolean followLast, ProcLinks proc) {
        Deque<String> todo = new ArrayDeque<>(split(path));
        List<String> done = new ArrayList<>();
        if (!path.startsWith("/")) done.addAll(split(start));
        boolean dirSlash = path.endsWith("/");
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!done.isEmpty()) done.remove(done.size() - 1);   // clamped at the root
                continue;
            }
            done.add(c);
            boolean last = todo.isEmpty();
            if (done.get(0).equals("proc")) {
                if (proc == null) throw new LinuxError(Errno.ENOENT);
                // /proc/<self>/<magic link>: continue from where the link leads inside the root.
                if (done.size() == 3 && proc.isSelf(done.get(1)) && (!last || followLast || dirSlash)) {
                    List<String> to = proc.link(done.get(2));
                    if (to != null) {
                        done.clear();
                        done.addAll(to);
                        continue;
                    }
                }
                if (done.size() == 4 && proc.isSelf(done.get(1)) && done.get(2).equals("fd")
                    && (!last || followLast || dirSlash)) {
                    List<String> to = proc.fdLink(done.get(3));
                    if (to != null) {
                        done.clear();
                        done.addAll(to);
                        continue;
                    }
                }
                if (!last) continue;
                if (proc.synthesized(done)) return Path.of("/proc/" + String.join("/", done.subList(1, done.size())));
                throw new LinuxError(Errno.ENOENT);
            }
            Path host = host(done);
            if ((!last || followLast || dirSlash) && Files.isSymbolicLink(host)) {
                if (++links > MAX_LINKS) throw new LinuxError(Errno.ELOOP);
                String target;
                try {
                    target = Files.readSymbolicLink(host).toString();
                } catch (IOException e) {
                    throw new LinuxError(Errno.of(e));
                }
                done.remove(done.size() - 1);
                if (target.startsWith("/")) done.clear();
                List<String> t = split(target);
                for (int i = t.size() - 1; i >= 0; i--) todo.addFirst(t.get(i));
            }
        }
        Path result = host(done);
        verify(result, followLast || dirSlash);
        return result;
    }

    /**
     * Checks that the host's own resolution of p stays in the root (see the class comment):
     * the whole path when it is followed, else its parent. A path that does not exist yet is
     * checked through its deepest existing ancestor.
     */
    void verify(Path p, boolean follow) {
        Path q = follow ? p : p.getParent();
        while (q != null && !Files.exists(q, LinkOption.NOFOLLOW_LINKS)) q = q.getParent();
        if (q == null) return;
        try {
            if (!q.toRealPath().startsWith(root)) throw new LinuxError(Errno.EACCES);
        } catch (IOException e) {
            throw new LinuxError(Errno.of(e));
        }
    }

    private Path host(List<String> components) {
        Path p = root;
        for (String c : components) p = p.resolve(c);
        return p;
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) if (!c.isEmpty()) out.add(c);
        return out;
    }

    /** What /proc means inside the root; implemented by {@link PathResolver}. */
    public interface ProcLinks {
        /** "self", "thread-self" or this process's pid. */
        boolean isSelf(String name);

        /** Guest components a magic link of /proc/self leads to (root, cwd, exe), or null. */
        List<String> link(String name);

        /** Guest components /proc/self/fd/N leads to, or null (not a file inside the root). */
        List<String> fdLink(String fd);

        /** Whether ProcFs synthesizes the file at these components (/proc/self/maps, /proc/cpuinfo...). */
        boolean synthesized(List<String> components);
    }
}
