package io.jenkins.plugins.databricks.api.auth;

/** Checks on the fields a token source is made from: a blank one is named with what to put there. */
final class Fields {

    private Fields() {}

    static String require(String value, String field, String fix) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + field + " is empty: " + fix + ".");
        }
        return value.strip();
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
