package io.jenkins.plugins.databricks.api;

import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps HttpClient's own header and wire loggers from ever printing a credential, whatever level an administrator
 * sets them to (Manage Jenkins → System Log). Jenkins routes HttpClient's SLF4J logging to {@code java.util.logging}
 * (the war bundles slf4j-jdk14), so a {@link Filter} on those two loggers sees every record before any handler:
 *
 * <ul>
 *   <li>{@value #HEADERS}: one record per header; the value of {@code Authorization}, {@code Proxy-Authorization},
 *       {@code Cookie} and {@code Set-Cookie} is replaced by {@value SecretRedactor#MASK}, other headers pass.
 *   <li>{@value #WIRE}: the raw bytes, bodies included, split where the socket buffer happens to end, so a header
 *       cannot be recognised reliably; it is pinned: nothing below {@code INFO} passes (HttpClient writes it only at
 *       DEBUG).
 * </ul>
 *
 * Installed by the transport before its first request; holds the loggers so that the filters, which
 * {@code java.util.logging} keeps on the logger object, are never lost with a collected logger.
 */
final class HttpClientLogGuard {

    static final String HEADERS = "org.apache.hc.client5.http.headers";
    static final String WIRE = "org.apache.hc.client5.http.wire";

    /** {@code Authorization: Bearer x}, also inside a wire-style or prefixed line; group 1 is kept. */
    private static final Pattern SECRET_HEADER =
            Pattern.compile("(?i)((?:proxy-)?authorization|cookie|set-cookie)\\s*:[^\\r\\n\\[\"]*");

    private static final Logger HEADERS_LOGGER = Logger.getLogger(HEADERS);
    private static final Logger WIRE_LOGGER = Logger.getLogger(WIRE);

    private HttpClientLogGuard() {}

    /** Idempotent; cheap enough to call for every client. */
    static synchronized void install() {
        if (!(HEADERS_LOGGER.getFilter() instanceof HeaderFilter)) {
            HEADERS_LOGGER.setFilter(new HeaderFilter());
        }
        if (!(WIRE_LOGGER.getFilter() instanceof PinnedFilter)) {
            WIRE_LOGGER.setFilter(new PinnedFilter());
        }
    }

    /** The text of a header line with its secret value masked; other text unchanged. */
    static String maskHeaders(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SECRET_HEADER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ": " + SecretRedactor.MASK));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Masks secret header values in the message and in any parameter, which some SLF4J bindings pass unformatted. */
    private static final class HeaderFilter implements Filter {
        @Override
        public boolean isLoggable(LogRecord record) {
            String message = record.getMessage();
            Object[] parameters = record.getParameters();
            String all = parameters == null ? message : message + " " + Arrays.toString(parameters);
            if (all != null && SECRET_HEADER.matcher(all).find()) {
                record.setMessage(maskHeaders(all));
                record.setParameters(null);
            }
            return true;
        }
    }

    /** Lets {@code INFO} and above through (HttpClient's own warnings), nothing finer. */
    private static final class PinnedFilter implements Filter {
        @Override
        public boolean isLoggable(LogRecord record) {
            return record.getLevel().intValue() >= Level.INFO.intValue();
        }
    }
}
