package io.jenkins.plugins.databricks.deploy;

import java.util.List;

/**
 * What a backend's own pre-flight ({@link DatabricksGateway#preflight}) found: refusals end the deploy before anything
 * changes, each naming the field and the way out; warnings go to the log and the deploy goes on (a check the identity
 * may not make, said with what the admin must do).
 */
public record PreflightFindings(List<FieldError> refusals, List<String> warnings) {

    public static final PreflightFindings NONE = new PreflightFindings(List.of(), List.of());

    public PreflightFindings {
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }
}
