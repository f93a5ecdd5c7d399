package io.jenkins.plugins.databricks.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Databricks workspace URL, normalised: scheme and host (and port), no trailing slash, no pasted {@code /api/...}
 * suffix. People paste {@code dbc-123.cloud.databricks.com}, {@code https://x.azuredatabricks.net/}, or an API URL
 * such as {@code https://x/api/2.0}; all mean the same workspace. Only {@code https://} by default: plain
 * {@code http://} would send the credentials in clear, and to a loopback address it would let a job probe the
 * controller's own ports. Plain http exists only for test servers and the demo, behind the system property
 * {@value #ALLOW_PLAIN_HTTP_PROPERTY}, and even then only to loopback unless the client explicitly allows more.
 */
public final class WorkspaceUrl {

    /**
     * The system property that allows plain {@code http://} (to loopback), for the emulator in tests and the demo.
     * Read at every parse, so a test can set it at any time; no form field or step parameter reaches it.
     */
    public static final String ALLOW_PLAIN_HTTP_PROPERTY = "io.jenkins.plugins.databricks.allowPlainHttp";

    private static final String FIELD = "workspace URL";
    private static final Pattern API_SUFFIX = Pattern.compile("(?i)/api(/[0-9.]*)?/*$");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");

    private final URI uri;
    private final String text;

    private WorkspaceUrl(URI uri) {
        this.uri = uri;
        this.text = uri.toString();
    }

    /** Normalises {@code raw}, refusing plain http (unless {@link #plainHttpAllowed()}, and then to loopback only). */
    public static WorkspaceUrl parse(String raw) {
        return parse(raw, false);
    }

    /**
     * Normalises {@code raw}.
     *
     * @param allowInsecureHttp where {@link #plainHttpAllowed()}, allow {@code http://} to any host rather than only to
     *     loopback (the credentials then travel unencrypted); without the system property plain http is refused anyway
     * @throws IllegalArgumentException naming the field and what would fix it
     */
    public static WorkspaceUrl parse(String raw, boolean allowInsecureHttp) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(
                    "The " + FIELD
                            + " is empty: enter the address of the workspace, e.g. https://dbc-1234abcd-5678.cloud.databricks.com");
        }
        String s = raw.strip();
        Matcher scheme = SCHEME.matcher(s);
        if (!scheme.find()) {
            s = "https://" + s;
        } else {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (!name.equals("https") && !name.equals("http")) {
                throw new IllegalArgumentException("The " + FIELD + " '" + masked(raw) + "' uses the scheme '" + name
                        + "': use https://<workspace host>.");
            }
        }
        URI parsed;
        try {
            parsed = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The " + FIELD + " '" + masked(raw) + "' is not a valid URL (" + e.getReason()
                            + "): enter it as https://<workspace host>, e.g. https://dbc-1234abcd-5678.cloud.databricks.com");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw new IllegalArgumentException(
                    "The " + FIELD + " '" + masked(raw) + "' has no host name: enter it as https://<workspace host>.");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The " + FIELD
                    + " contains a user name or password: remove it from the URL and use a credential instead.");
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("The " + FIELD + " '" + masked(raw)
                    + "' has a query or fragment (?... or #...): enter only https://<workspace host>.");
        }
        String scheme2 = parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost().toLowerCase(Locale.ROOT);
        if (scheme2.equals("http") && !plainHttpAllowed()) {
            throw new IllegalArgumentException(plainHttpRefused(raw));
        }
        if (scheme2.equals("http") && !allowInsecureHttp && !isLoopback(host)) {
            throw new IllegalArgumentException("The " + FIELD + " '" + masked(raw)
                    + "' uses plain http, which would send the credentials unencrypted: use https:// (or allow insecure"
                    + " http explicitly, for a test server only).");
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        path = API_SUFFIX.matcher(path).replaceFirst("");
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new WorkspaceUrl(
                    new URI(scheme2, null, host, parsed.getPort(), path.isEmpty() ? null : path, null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The " + FIELD + " '" + masked(raw)
                    + "' is not a valid URL: enter it as https://<workspace host>.");
        }
    }

    /** Whether plain http may be used at all: only with the system property {@value #ALLOW_PLAIN_HTTP_PROPERTY}. */
    public static boolean plainHttpAllowed() {
        return Boolean.getBoolean(ALLOW_PLAIN_HTTP_PROPERTY);
    }

    /** Why a plain http URL is refused, naming the system property; the one text for the client, form and engine. */
    public static String plainHttpRefused(String raw) {
        return "The " + FIELD + " '" + masked(raw)
                + "' uses plain http: only https:// is allowed (plain http would send"
                + " the credentials unencrypted, and could reach services on the Jenkins controller itself). Use"
                + " https://. Plain http is only for test servers and the demo, which start Java with -D"
                + ALLOW_PLAIN_HTTP_PROPERTY + "=true.";
    }

    /**
     * The input as it may appear in a message: anything between the scheme and the last {@code @} (user info, perhaps
     * a password, which may itself contain {@code /}, {@code ?} or {@code #}) masked. Host names never hold an
     * {@code @}, so this never hides the part a person needs to see.
     */
    public static String masked(String raw) {
        String s = raw.strip();
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return s;
        }
        int start = s.indexOf("//");
        start = start < 0 || start > at ? 0 : start + 2;
        return s.substring(0, start) + "****" + s.substring(at);
    }

    /**
     * Loopback by name or literal: localhost, 127.0.0.0/8, ::1. No DNS lookup. Where plain http goes when
     * {@link #plainHttpAllowed()} and the client does not allow more.
     */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** The normalised base, e.g. {@code https://x.cloud.databricks.com}, without a trailing slash. */
    public URI uri() {
        return uri;
    }

    /** Whether requests travel over plain http. */
    public boolean insecure() {
        return "http".equals(uri.getScheme());
    }

    /** {@code base + path}; {@code path} starts with {@code /} and is already percent-encoded. */
    URI resolve(String path) {
        return URI.create(text + path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkspaceUrl other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
