package io.jenkins.plugins.databricks.api;

import java.util.function.Function;

/**
 * Maps a status word from the wire to an enum constant without ever failing: the 1.2 words are CamelCase
 * ({@code Running}), the current reference renders them as {@code COMMAND_RUNNING}; anything else is the caller's
 * fallback (UNKNOWN), so a new server value never breaks a deploy.
 */
public final class WireNames {

    private WireNames() {}

    public static <E extends Enum<E>> E lookup(E[] constants, String wire, E fallback, Function<E, String> wireName) {
        if (wire == null) {
            return fallback;
        }
        String v = wire.strip();
        for (E e : constants) {
            if (e != fallback && wireName.apply(e).equalsIgnoreCase(v)) {
                return e;
            }
        }
        int underscore = v.indexOf('_');
        if (underscore > 0) {
            String rest = v.substring(underscore + 1);
            for (E e : constants) {
                if (e != fallback && wireName.apply(e).equalsIgnoreCase(rest)) {
                    return e;
                }
            }
        }
        return fallback;
    }

    /**
     * The constant whose name is {@code wire} (case-insensitive), else {@code fallback}: the 2.x APIs send the enum
     * names themselves ({@code UNINSTALL_ON_RESTART}), so no prefix is stripped and an unknown word never matches a
     * known one by accident.
     */
    public static <E extends Enum<E>> E exact(E[] constants, String wire, E fallback) {
        if (wire == null) {
            return fallback;
        }
        String v = wire.strip();
        for (E e : constants) {
            if (e != fallback && e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        return fallback;
    }

    /** The server's own word for a status, or the constant's when it sent none: what a log should show. */
    public static String wordOr(String word, String constantWord) {
        return word == null || word.isBlank() ? constantWord : word.strip();
    }
}
