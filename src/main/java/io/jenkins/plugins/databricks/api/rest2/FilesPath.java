package io.jenkins.plugins.databricks.api.rest2;

import java.nio.charset.StandardCharsets;

/**
 * A Files API path put into a request path: checked (absolute, no empty, {@code .} or {@code ..} segment, no
 * control characters) and percent-encoded segment by segment with {@code /} kept, as the SDKs do, so a name with a
 * space, {@code #}, {@code ?} or {@code %} reaches the server as that name.
 */
final class FilesPath {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private FilesPath() {}

    /** The checked path, percent-encoded; {@code field} names it in the error for bad input. */
    static String encode(String path, String field) {
        String p = check(path, field);
        StringBuilder out = new StringBuilder(p.length() + 16);
        for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || (c < 0x80 && UNRESERVED.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The path without a trailing {@code /}, refused with a message naming {@code field} when it is not usable. */
    static String check(String path, String field) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("The " + field
                    + " is empty: enter an absolute path such as /Volumes/<catalog>/<schema>/<volume>/libs.");
        }
        String p = path.strip();
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("The " + field + " '" + p
                    + "' is not absolute: start it with /, e.g. /Volumes/<catalog>/<schema>/<volume>/libs.");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(
                        "The " + field + " contains a control character (position " + i + "): remove it.");
            }
        }
        if (p.length() > 1) {
            for (String segment : p.substring(1).split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("The " + field + " '" + p
                            + "' has an empty, '.' or '..' segment: write the path without them.");
                }
            }
        }
        return p;
    }
}
