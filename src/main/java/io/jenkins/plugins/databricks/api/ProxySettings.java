package io.jenkins.plugins.databricks.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for the client: host, port, optional credentials, and host patterns that bypass it. The Jenkins side
 * builds it from Jenkins' proxy configuration; a pattern is a host name or address where {@code *} matches any run of
 * characters (e.g. {@code *.internal.example.com}, {@code 10.*}), compared without case.
 *
 * @param host proxy host name
 * @param port proxy port
 * @param username proxy user, or {@code null} when the proxy needs no credentials
 * @param password proxy password, or {@code null}; never printed by {@link #toString()}
 * @param noProxyHosts host patterns that connect directly
 */
public record ProxySettings(String host, int port, String username, String password, List<String> noProxyHosts) {

    public ProxySettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The proxy host is empty: enter the proxy host name, or use no proxy.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "The proxy port " + port + " is not a port: use a number from 1 to 65535.");
        }
        host = host.strip();
        List<String> patterns = new ArrayList<>();
        if (noProxyHosts != null) {
            for (String p : noProxyHosts) {
                if (p != null && !p.isBlank()) {
                    patterns.add(p.strip());
                }
            }
        }
        noProxyHosts = List.copyOf(patterns);
        if (username != null && username.isBlank()) {
            username = null;
        }
    }

    /** A proxy without credentials or exceptions. */
    public static ProxySettings of(String host, int port) {
        return new ProxySettings(host, port, null, null, List.of());
    }

    /**
     * Splits a no-proxy list as Jenkins' proxy configuration writes it: patterns separated by new lines, spaces,
     * tabs, commas or {@code |}.
     */
    public static List<String> parseNoProxyHosts(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : text.split("[ \\t\\n\\r,|]+")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return List.copyOf(out);
    }

    /** Whether a request to {@code targetHost} should bypass the proxy. */
    public boolean bypasses(String targetHost) {
        String h = targetHost.toLowerCase(Locale.ROOT);
        for (String p : noProxyHosts) {
            if (globMatches(p.toLowerCase(Locale.ROOT), h)) {
                return true;
            }
        }
        return false;
    }

    private static boolean globMatches(String pattern, String host) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(host);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), host);
    }

    /** Whether the proxy needs credentials. */
    public boolean hasCredentials() {
        return username != null;
    }

    @Override
    public String toString() {
        return "ProxySettings[host=" + host + ", port=" + port + (username == null ? "" : ", username=" + username)
                + (password == null ? "" : ", password=****") + ", noProxyHosts=" + noProxyHosts + "]";
    }
}
