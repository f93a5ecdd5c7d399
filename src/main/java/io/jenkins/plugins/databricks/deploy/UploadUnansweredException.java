package io.jenkins.plugins.databricks.deploy;

/**
 * The upload was sent (at least in part) but no answer came back: the connection dropped, the answer timed out or was
 * lost. The library may or may not have been stored; only listing the folder tells.
 */
public final class UploadUnansweredException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public UploadUnansweredException(String message, Throwable cause) {
        super(message, cause);
    }
}
