package io.jenkins.plugins.databricks.deploy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link DeploySpec.Builder#build()}: lists every invalid field, one per line, before anything changed. */
public final class InvalidDeploySpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable list of records; serialised only for remoting of the message
    private final List<FieldError> errors;

    public InvalidDeploySpecException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
