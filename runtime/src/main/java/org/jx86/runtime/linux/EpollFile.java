package org.jx86.runtime.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An epoll instance: the interest list of epoll_ctl, keyed by fd number as user space sees it,
 * each entry holding the open file it referred to when added, the event mask and the data word
 * returned verbatim. Readiness comes from {@link OpenFile#pollEvents}. An EPOLLET entry is
 * reported once per edge: when it is ready and the file's {@link OpenFile#edges} counter
 * (data arrived, room appeared, an end closed) changed since it was last reported, as the
 * kernel re-queues such an entry only on a wake-up of the file; files that cannot count
 * edges report like level-triggered ones. EPOLLONESHOT entries disarm after reporting until
 * EPOLL_CTL_MOD re-arms them.
 * An entry whose fd has since been closed or reused is skipped (Linux drops it on last close).
 */
final class EpollFile extends OpenFile {
    static final int EPOLLIN = 1, EPOLLOUT = 4, EPOLLERR = 8, EPOLLHUP = 0x10, EPOLLRDHUP = 0x2000,
        EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    private static final int FLAGS = EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET;

    private static final class Entry {
        final OpenFile file;
        int events;
        long data;
        /** The file's edge counter when this entry was last reported (EPOLLET); valid when reported. */
        long lastEdges;
        boolean reported;

        Entry(OpenFile file) { this.file = file; }
    }

    private final Map<Integer, Entry> interest = new LinkedHashMap<>();
    private final long ino;

    EpollFile(long ino) {
        super(OpenFlags.O_RDWR);
        this.ino = ino;
    }

    synchronized void add(int fd, OpenFile f, int events, long data) {
        if (interest.containsKey(fd)) throw new LinuxError(Errno.EEXIST);
        Entry e = new Entry(f);
        e.events = events;
        e.data = data;
        interest.put(fd, e);
    }

    synchronized void modify(int fd, OpenFile f, int events, long data) {
        Entry e = interest.get(fd);
        if (e == null || e.file != f) throw new LinuxError(Errno.ENOENT);
        e.events = events;
        e.data = data;
        e.reported = false; // ep_modify re-checks readiness and queues the entry when ready
    }

    synchronized void remove(int fd, OpenFile f) {
        Entry e = interest.get(fd);
        if (e == null || e.file != f) throw new LinuxError(Errno.ENOENT);
        interest.remove(fd);
    }

    /** One scan: fills up to max (events, data) pairs of ready entries and returns their count. */
    synchronized int collect(FdTable fds, int max, int[] events, long[] data) {
        int n = 0;
        List<Integer> stale = new ArrayList<>();
        for (Map.Entry<Integer, Entry> me : interest.entrySet()) {
            if (n == max) break;
            Entry e = me.getValue();
            if (!fds.isOpen(me.getKey()) || fds.get(me.getKey()) != e.file) {
                stale.add(me.getKey());
                continue;
            }
            int want = e.events & ~FLAGS;
            if (want == 0 && (e.events & EPOLLONESHOT) != 0) continue; // disarmed
            int ready = e.file.pollEvents() & (want | EPOLLERR | EPOLLHUP);
            if (ready == 0) continue;
            if ((e.events & EPOLLET) != 0) {
                long edges = e.file.edges(want);
                if (edges != -1 && e.reported && edges == e.lastEdges) continue; // no new event since
                e.lastEdges = edges;
                e.reported = true;
            }
            events[n] = ready;
            data[n] = e.data;
            n++;
            if ((e.events & EPOLLONESHOT) != 0) e.events &= FLAGS;
        }
        for (Integer fd : stale) interest.remove(fd);
        return n;
    }

    @Override
    public int pollEvents() { return 0; }

    @Override
    public HostStat stat() { return HostStat.synthetic(0600, 0, ino); }

    @Override
    public String procLink() { return "anon_inode:[eventpoll]"; }
}
