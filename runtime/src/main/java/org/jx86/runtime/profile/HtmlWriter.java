package org.jx86.runtime.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The self-contained HTML report: the template {@value #TEMPLATE} (inline CSS and JS, no
 * network) with the JSON report embedded; the page draws the flame graph from the stacks and
 * shows a block's guest code and IR when its row is clicked.
 */
final class HtmlWriter {
    private HtmlWriter() {}

    static final String TEMPLATE = "/org/jx86/runtime/profile/report.html";

    static void write(ProfileReport r, PrintWriter out) {
        String page;
        try (InputStream in = HtmlWriter.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException("missing resource " + TEMPLATE);
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Json.quote escapes '<', so the data cannot end the script element early.
        out.print(page.replace("/*DATA*/", JsonWriter.json(r)));
        out.flush();
    }
}
