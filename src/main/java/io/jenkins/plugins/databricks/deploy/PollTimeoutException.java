package io.jenkins.plugins.databricks.deploy;

/** A poll ran out of time; the message names what was awaited, for how long, and what was seen last. */
public final class PollTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    public PollTimeoutException(String message) {
        super(message);
    }
}
