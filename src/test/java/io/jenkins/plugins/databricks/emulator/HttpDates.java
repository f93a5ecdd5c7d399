package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** HTTP dates in the RFC 7231 IMF-fixdate form ({@code Sun, 06 Nov 1994 08:49:37 GMT}), two-digit day included. */
final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {}

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }
}
