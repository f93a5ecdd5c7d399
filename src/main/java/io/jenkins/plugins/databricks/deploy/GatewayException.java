package io.jenkins.plugins.databricks.deploy;

/** A Databricks call failed; the message says which call and what Databricks answered, never a secret. */
public class GatewayException extends Exception {

    private static final long serialVersionUID = 1L;

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    public GatewayException(String message) {
        super(message);
    }
}
