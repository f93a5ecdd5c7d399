package io.jenkins.plugins.databricks.deploy;

import java.util.Locale;
import java.util.Optional;

/**
 * Which Databricks API a deploy speaks. {@link #AUTO} decides by the folder: a Unity Catalog volume
 * ({@code /Volumes/...}) can only be reached through REST 2.x, a workspace folder only holds REST 1.2 workspace
 * libraries.
 */
public enum DatabricksApi {
    /** By the folder: {@code /Volumes/...} is {@link #REST_2}, anything else {@link #REST_1_2}. */
    AUTO("auto"),
    /** Workspace libraries ({@code /api/1.2/libraries/*}); retired on current workspaces. */
    REST_1_2("1.2"),
    /** A jar in a Unity Catalog volume, Libraries 2.0 and Clusters 2.1. */
    REST_2("2.x");

    /** Where Unity Catalog volumes live in the Files API; a folder under it is a volume folder. */
    public static final String VOLUMES_ROOT = "/Volumes/";

    private final String fieldValue;

    DatabricksApi(String fieldValue) {
        this.fieldValue = fieldValue;
    }

    /** As the user writes it in the {@code api} field: {@code auto}, {@code 1.2} or {@code 2.x}. */
    public String fieldValue() {
        return fieldValue;
    }

    /** The API a folder calls for when the choice is automatic. */
    public static DatabricksApi forFolder(String folder) {
        return isVolumeFolder(folder) ? REST_2 : REST_1_2;
    }

    /** Under {@code /Volumes/} (case matters: the Files API's root is spelled so). */
    public static boolean isVolumeFolder(String folder) {
        return folder != null && (folder + "/").startsWith(VOLUMES_ROOT);
    }

    /**
     * Accepts {@code auto}, {@code 1.2}, {@code 2.x} and, for the REST 2.x family, {@code 2}, {@code 2.0} and
     * {@code 2.1} (case-insensitive; a leading {@code rest} or {@code v} is ignored).
     */
    public static Optional<DatabricksApi> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        key = key.startsWith("rest") ? key.substring(4) : key.startsWith("v") ? key.substring(1) : key;
        return switch (key) {
            case "auto", "automatic" -> Optional.of(AUTO);
            case "1.2", "12" -> Optional.of(REST_1_2);
            case "2.x", "2", "2.0", "2.1", "2x" -> Optional.of(REST_2);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return this == AUTO ? "automatic" : "REST " + fieldValue;
    }
}
