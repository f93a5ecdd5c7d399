package io.jenkins.plugins.databricks.emulator;

/** A 2.x error answer: {@code {"error_code":"<CODE>","message":"<text>"}} with an HTTP status. */
final class JobsApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    JobsApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    /** 400 {@code INVALID_PARAMETER_VALUE}: what the Jobs API answers for bad input and unknown ids. */
    static JobsApiException invalid(String message) {
        return new JobsApiException(400, "INVALID_PARAMETER_VALUE", message);
    }
}
