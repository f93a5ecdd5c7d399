package io.jenkins.plugins.databricks.deploy;

/**
 * The folder already holds a library of that name: REST 1.2 answers {@code NameConflictException}, a REST 2.x
 * {@code PUT ...?overwrite=false} answers 409. Whether that copy is the jar being deployed is the engine's decision.
 */
public final class LibraryNameConflictException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public LibraryNameConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
