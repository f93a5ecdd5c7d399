package io.jenkins.plugins.databricks.emulator;

/** A 1.2 error answer: {@code {"error":"<ExceptionName>: <message>"}} with an HTTP status. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String exceptionName;

    ApiException(int status, String exceptionName, String message) {
        super(message);
        this.status = status;
        this.exceptionName = exceptionName;
    }

    int status() {
        return status;
    }

    String errorText() {
        return exceptionName + ": " + getMessage();
    }

    static ApiException notFound(String message) {
        return new ApiException(500, "NoSuchElementException", message);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "IllegalArgumentException", message);
    }
}
