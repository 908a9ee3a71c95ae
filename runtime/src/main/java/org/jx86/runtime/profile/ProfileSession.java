package org.jx86.runtime.profile;

import java.io.PrintWriter;
import org.jx86.runtime.ExecutionListener;

/**
 * One {@code jx86 profile} run: the engine listener, the sampler thread, and the report.
 *
 * <pre>{@code
 * ProfileSession s = new ProfileSession(null, 1_000_000);      // 1 kHz, no -d log
 * options.listener = s.listener();
 * s.start();  ... run the guest ...
 * s.finish("prog", new ProfileReport.Options(20, false, false, false, null), Format.TABLE, err);
 * }</pre>
 */
public final class ProfileSession {
    public enum Format { TABLE, JSON, COLLAPSED, HTML }

    private final Instrumentation inst;
    private final Sampler sampler;

    public ProfileSession(DebugLog log, long intervalNanos) {
        this.inst = new Instrumentation(true, log);
        this.sampler = new Sampler(inst, intervalNanos);
    }

    public ExecutionListener listener() { return inst; }

    public void start() { sampler.start(); }

    /** Stops sampling and writes the report. */
    public void finish(String program, ProfileReport.Options options, Format format, PrintWriter out) {
        sampler.stop();
        if (format == Format.HTML)   // the page's drill-down needs the code and IR
            options = new ProfileReport.Options(options.top(), true, true, options.bytecode(), options.block());
        ProfileReport r = new ProfileReport(inst, program, sampler.intervalNanos(), options);
        switch (format) {
            case TABLE -> TableWriter.write(r, out);
            case JSON -> JsonWriter.write(r, out);
            case COLLAPSED -> CollapsedWriter.write(r, out);
            case HTML -> HtmlWriter.write(r, out);
        }
    }
}
