package io.jenkins.plugins.databricks.deploy;

import java.util.Locale;
import java.util.Optional;

/** The languages of a Databricks execution context, with their wire values. */
public enum SmokeLanguage {
    SCALA("scala"),
    PYTHON("python"),
    SQL("sql"),
    R("r");

    private final String wireValue;

    SmokeLanguage(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    public static Optional<SmokeLanguage> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (SmokeLanguage language : values()) {
            if (language.wireValue.equals(key)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
