package io.jenkins.plugins.databricks.deploy;

import java.io.Serializable;
import java.util.Objects;

/** One invalid field: which one, and what is wrong with it and what would be valid. */
public record FieldError(DeployField field, String message) implements Serializable {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.fieldName() + ": " + message;
    }
}
