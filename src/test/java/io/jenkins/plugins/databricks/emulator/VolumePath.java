package io.jenkins.plugins.databricks.emulator;

import java.util.List;

/**
 * A Files API path inside a Unity Catalog volume: {@code /Volumes/<catalog>/<schema>/<volume>[/<rest>]}, already
 * percent-decoded. Empty, {@code .} and {@code ..} segments are refused; one trailing slash is allowed (directories).
 */
record VolumePath(String catalog, String schema, String volume, List<String> rest) {

    static final String ROOT = "/Volumes/";

    static VolumePath parse(String path) {
        if (!path.startsWith(ROOT)) {
            throw RestError.invalidParameter(
                    "Invalid path '" + path + "': a Files API path must be /Volumes/<catalog>/<schema>/<volume>/...");
        }
        String tail = path.substring(ROOT.length());
        if (tail.endsWith("/")) {
            tail = tail.substring(0, tail.length() - 1);
        }
        List<String> segments = List.of(tail.split("/", -1));
        if (segments.size() < 3) {
            throw RestError.invalidParameter("Invalid path '" + path
                    + "': it names no volume; a Files API path must be /Volumes/<catalog>/<schema>/<volume>/...");
        }
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw RestError.invalidParameter(
                        "Invalid path '" + path + "': empty, '.' and '..' segments are not allowed");
            }
        }
        return new VolumePath(
                segments.get(0), segments.get(1), segments.get(2), List.copyOf(segments.subList(3, segments.size())));
    }

    /** {@code catalog.schema.volume}, as Unity Catalog names the volume. */
    String volumeName() {
        return catalog + "." + schema + "." + volume;
    }

    String volumeRoot() {
        return ROOT + catalog + "/" + schema + "/" + volume;
    }

    /** The normalized full path, without trailing slash. */
    String full() {
        return rest.isEmpty() ? volumeRoot() : volumeRoot() + "/" + String.join("/", rest);
    }

    boolean isVolumeRoot() {
        return rest.isEmpty();
    }

    VolumePath parent() {
        if (rest.isEmpty()) {
            throw new IllegalStateException("the volume root has no parent inside the volume");
        }
        return new VolumePath(catalog, schema, volume, rest.subList(0, rest.size() - 1));
    }

    String name() {
        return rest.isEmpty() ? volume : rest.get(rest.size() - 1);
    }
}
