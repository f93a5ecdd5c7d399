package io.jenkins.plugins.databricks;

import java.util.Locale;
import java.util.Set;

/** The post-build action's threshold as text, kept to the three results a finished build step can see. */
final class ResultThreshold {

    static final String DEFAULT = "SUCCESS";

    private static final Set<String> ALLOWED = Set.of("SUCCESS", "UNSTABLE", "FAILURE");

    private ResultThreshold() {}

    /**
     * Upper-cased; blank means SUCCESS.
     *
     * @throws IllegalArgumentException naming the field when it is not SUCCESS, UNSTABLE or FAILURE
     */
    static String normalise(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (!ALLOWED.contains(upper)) {
            throw new IllegalArgumentException(Messages.ResultThreshold_Invalid(text.trim()));
        }
        return upper;
    }
}
