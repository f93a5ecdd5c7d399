package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping the Databricks SDKs use: the status gives the kind, a known error code refines it. */
class ErrorKindTest {

    @ParameterizedTest
    @CsvSource({
        "400, BAD_REQUEST",
        "401, UNAUTHENTICATED",
        "403, PERMISSION_DENIED",
        "404, NOT_FOUND",
        "409, RESOURCE_CONFLICT",
        "429, TOO_MANY_REQUESTS",
        "499, CANCELLED",
        "500, INTERNAL_ERROR",
        "501, NOT_IMPLEMENTED",
        "503, TEMPORARILY_UNAVAILABLE",
        "504, DEADLINE_EXCEEDED",
        "502, OTHER",
        "302, OTHER",
        "0, NO_ANSWER"
    })
    void statusGivesTheKind(int status, ErrorKind expected) {
        assertThat(ErrorKind.of("GET /api/2.0/x", status, null, "m")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "400, INVALID_PARAMETER_VALUE, INVALID_PARAMETER_VALUE, BAD_REQUEST",
        "400, INVALID_STATE, INVALID_STATE, BAD_REQUEST",
        "404, RESOURCE_DOES_NOT_EXIST, RESOURCE_DOES_NOT_EXIST, NOT_FOUND",
        "409, ABORTED, ABORTED, RESOURCE_CONFLICT",
        "409, ALREADY_EXISTS, ALREADY_EXISTS, RESOURCE_CONFLICT",
        "409, RESOURCE_ALREADY_EXISTS, RESOURCE_ALREADY_EXISTS, RESOURCE_CONFLICT",
        "429, RESOURCE_EXHAUSTED, RESOURCE_EXHAUSTED, TOO_MANY_REQUESTS",
        "429, REQUEST_LIMIT_EXCEEDED, REQUEST_LIMIT_EXCEEDED, TOO_MANY_REQUESTS",
        "500, UNKNOWN, UNKNOWN, INTERNAL_ERROR",
        "500, DATA_LOSS, DATA_LOSS, INTERNAL_ERROR",
        "403, PERMISSION_DENIED, PERMISSION_DENIED, PERMISSION_DENIED",
        "503, TEMPORARILY_UNAVAILABLE, TEMPORARILY_UNAVAILABLE, TEMPORARILY_UNAVAILABLE",
        "404, METASTORE_DOES_NOT_EXIST, NOT_FOUND, NOT_FOUND",
        "403, 403, PERMISSION_DENIED, PERMISSION_DENIED"
    })
    void codeRefinesTheKind(int status, String code, ErrorKind expected, ErrorKind broad) {
        ErrorKind kind = ErrorKind.of("POST /api/2.0/libraries/install", status, code, "m");
        assertThat(kind).isEqualTo(expected);
        assertThat(kind.is(broad)).isTrue();
        assertThat(kind.is(ErrorKind.NO_ANSWER)).isFalse();
    }

    @Test
    void aMissingClusterIsNotFoundThoughTheServerSaysBadRequest() {
        ErrorKind kind = ErrorKind.of(
                "GET /api/2.1/clusters/get", 400, "INVALID_PARAMETER_VALUE", "Cluster 0101-x does not exist");
        assertThat(kind).isEqualTo(ErrorKind.RESOURCE_DOES_NOT_EXIST);
        assertThat(kind.is(ErrorKind.NOT_FOUND)).isTrue();
        // Only for clusters/get, as the SDKs do: elsewhere the same answer is a bad parameter.
        assertThat(ErrorKind.of(
                        "POST /api/2.0/libraries/install", 400, "INVALID_PARAMETER_VALUE", "Cluster x does not exist"))
                .isEqualTo(ErrorKind.INVALID_PARAMETER_VALUE);
        assertThat(ErrorKind.of("GET /api/2.1/clusters/get", 400, "INVALID_PARAMETER_VALUE", "page_size too big"))
                .isEqualTo(ErrorKind.INVALID_PARAMETER_VALUE);
    }

    @Test
    void theExceptionCarriesItsKindAndNamesCodeReasonAndRequestId() {
        DatabricksApiException e = new DatabricksApiException(
                "DELETE /api/2.0/fs/directories/Volumes/c/s/v/d",
                400,
                1,
                "BAD_REQUEST",
                "Directory is not empty",
                "FILES_API_DIRECTORY_IS_NOT_EMPTY",
                "req-1",
                null,
                null);
        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(e.reason()).isEqualTo("FILES_API_DIRECTORY_IS_NOT_EMPTY");
        assertThat(e.requestId()).isEqualTo("req-1");
        assertThat(e.getMessage())
                .isEqualTo("DELETE /api/2.0/fs/directories/Volumes/c/s/v/d failed: HTTP 400 BAD_REQUEST: Directory is"
                        + " not empty [FILES_API_DIRECTORY_IS_NOT_EMPTY] (1 attempt, request id req-1)");
    }
}
