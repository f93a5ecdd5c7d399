package io.jenkins.plugins.databricks.deploy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link DeploySpec.Builder#build()}: lists every invalid field, one per line, before anything changed. */
public final class InvalidDeploySpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final FieldError[] errors;

    public InvalidDeploySpecException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("\n")));
        this.errors = errors.toArray(new FieldError[0]);
    }

    public List<FieldError> errors() {
        return List.of(errors);
    }
}
