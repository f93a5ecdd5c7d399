package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The language of an execution context and its commands. */
public enum Language {
    SCALA,
    PYTHON,
    SQL,
    R;

    /** The word the API expects: {@code scala}, {@code python}, {@code sql}, {@code r}. */
    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a user's choice, case-insensitively.
     *
     * @throws IllegalArgumentException naming the field and the allowed values
     */
    public static Language parse(String value) {
        if (value != null) {
            for (Language l : values()) {
                if (l.name().equalsIgnoreCase(value.strip())) {
                    return l;
                }
            }
        }
        throw new IllegalArgumentException(
                "The language '" + value + "' is not supported: use one of scala, python, sql, r.");
    }
}
