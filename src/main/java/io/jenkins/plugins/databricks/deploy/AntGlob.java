package io.jenkins.plugins.databricks.deploy;

import java.util.regex.Pattern;

/**
 * Ant pattern semantics over {@code /}-separated relative paths: {@code **} spans directories (also none),
 * {@code *} and {@code ?} stay within one name, a trailing {@code /} means {@code /**}.
 */
final class AntGlob {

    private final Pattern regex;

    private AntGlob(Pattern regex) {
        this.regex = regex;
    }

    static AntGlob compile(String antPattern) {
        String pattern = antPattern.trim().replace('\\', '/');
        if (pattern.endsWith("/")) {
            pattern = pattern + "**";
        }
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return new AntGlob(Pattern.compile(re.toString()));
    }

    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    static boolean isGlob(String pattern) {
        return pattern.contains("*") || pattern.contains("?");
    }
}
