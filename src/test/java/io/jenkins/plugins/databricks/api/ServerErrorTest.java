package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerErrorTest {

    private static ServerError parse(String body) {
        return ServerError.parse(body, null, HttpTransport.MAPPER);
    }

    @Test
    void api12ErrorWithExceptionName() {
        ServerError e = parse("{\"error\":\"NameConflictException: Node named 'app.jar' already exists\"}");
        assertThat(e.errorCode()).isEqualTo("NameConflictException");
        assertThat(e.message()).isEqualTo("NameConflictException: Node named 'app.jar' already exists");
        assertThat(e.html()).isFalse();
    }

    @Test
    void api12ErrorWithQualifiedExceptionName() {
        ServerError e = parse("{\"error\":\"java.util.NoSuchElementException: cannot find node with id 7\"}");
        assertThat(e.errorCode()).isEqualTo("NoSuchElementException");
    }

    @Test
    void api12ErrorWithoutExceptionName() {
        ServerError e = parse("{\"error\":\"Cluster is busy\"}");
        assertThat(e.errorCode()).isNull();
        assertThat(e.message()).isEqualTo("Cluster is busy");
    }

    @Test
    void api20ErrorWithStringCode() {
        ServerError e = parse("{\"error_code\":\"TEMPORARILY_UNAVAILABLE\","
                + "\"message\":\"Authentication is temporarily unavailable. Please try again later.\"}");
        assertThat(e.errorCode()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(e.message()).isEqualTo("Authentication is temporarily unavailable. Please try again later.");
    }

    @Test
    void api20ErrorWithNumericCode() {
        ServerError e = parse("{\"error_code\":403,\"message\":\"Invalid access token.\"}");
        assertThat(e.errorCode()).isEqualTo("403");
        assertThat(e.message()).isEqualTo("Invalid access token.");
    }

    @Test
    void jettyErrorPageIsReducedToItsReason() {
        String page = "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
                + "<title>Error 403 Invalid access token.</title>\n</head>\n<body><h2>HTTP ERROR 403</h2>\n"
                + "<p>Problem accessing /api/2.0/dbfs/put. Reason:\n<pre>    Invalid access token.</pre></p>\n"
                + "</body>\n</html>";
        ServerError e = parse(page);
        assertThat(e.message()).isEqualTo("Invalid access token.");
        assertThat(e.html()).isTrue();
    }

    @Test
    void v1DisabledPageIsReducedToItsReason() {
        String page = "<html><head><title>Error 400 The V1 APIs for clusters and libraries are disabled. Please use"
                + " the V2 APIs.</title></head><body><h2>HTTP ERROR 400</h2><p>Problem accessing"
                + " /api/1.2/libraries/upload. Reason:<pre>    The V1 APIs for clusters and libraries are disabled."
                + " Please use the V2 APIs.</pre></p></body></html>";
        assertThat(parse(page).message())
                .isEqualTo("The V1 APIs for clusters and libraries are disabled. Please use the V2 APIs.");
    }

    @Test
    void htmlWithTitleOnly() {
        assertThat(parse("<!DOCTYPE html><html><head><title>Error 500 Server Error</title></head><body>"
                                + "<script>var x = 1;</script></body></html>")
                        .message())
                .isEqualTo("Server Error");
    }

    @Test
    void htmlWithHeadingOnly() {
        assertThat(parse("<html><body><h1>Bad &amp; wrong</h1><p>details</p></body></html>")
                        .message())
                .isEqualTo("Bad & wrong");
    }

    @Test
    void htmlFragmentFallsBackToItsText() {
        assertThat(parse("<p>Something <b>broke</b></p>").message()).isEqualTo("Something broke");
    }

    @Test
    void plainTextIsKept() {
        assertThat(parse("upstream connect error").message()).isEqualTo("upstream connect error");
    }

    @Test
    void jsonOfAnotherShapeIsKeptAsText() {
        assertThat(parse("{\"oops\":\"x\"}").message()).isEqualTo("{\"oops\":\"x\"}");
    }

    @Test
    void api2ErrorKeepsReasonRequestIdAndRetryDelay() {
        ServerError e = parse("{\"error_code\":\"BAD_REQUEST\",\"message\":\"The directory is not empty.\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"FILES_API_DIRECTORY_IS_NOT_EMPTY\",\"domain\":\"filesystem.databricks.com\","
                + "\"metadata\":{\"path\":\"/Volumes/c/s/v/d\"}},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"request_id\":\"7f3b-42\","
                + "\"serving_data\":\"\"},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retry_delay\":\"1.5s\"},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.Help\",\"links\":[]}]}");
        assertThat(e.errorCode()).isEqualTo("BAD_REQUEST");
        assertThat(e.message()).isEqualTo("The directory is not empty.");
        assertThat(e.reason()).isEqualTo("FILES_API_DIRECTORY_IS_NOT_EMPTY");
        assertThat(e.requestId()).isEqualTo("7f3b-42");
        assertThat(e.retryDelay()).isEqualTo(java.time.Duration.ofMillis(1500));
    }

    @Test
    void realMetastoreSampleKeepsItsRequestId() {
        ServerError e = parse("{\"error_code\":\"METASTORE_DOES_NOT_EXIST\",\"message\":\"No metastore assigned"
                + " for the current workspace.\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\","
                + "\"request_id\":\"a1b2\",\"serving_data\":\"\"}]}");
        assertThat(e.errorCode()).isEqualTo("METASTORE_DOES_NOT_EXIST");
        assertThat(e.requestId()).isEqualTo("a1b2");
        assertThat(e.reason()).isNull();
        assertThat(e.retryDelay()).isNull();
    }

    @Test
    void malformedDetailsAreIgnoredNeverAFailure() {
        ServerError e = parse("{\"error_code\":\"X\",\"message\":\"m\",\"details\":[1,\"s\",null,"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retry_delay\":{\"seconds\":3}},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":[\"no\"]}]}");
        assertThat(e.message()).isEqualTo("m");
        assertThat(e.reason()).isNull();
        assertThat(e.retryDelay()).isNull();
        assertThat(parse("{\"error_code\":\"X\",\"details\":{\"reason\":\"r\"}}")
                        .reason())
                .isNull();
    }

    @Test
    void protobufDurations() {
        assertThat(ServerError.protoDuration("30s")).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(ServerError.protoDuration("0.001s")).isEqualTo(java.time.Duration.ofMillis(1));
        assertThat(ServerError.protoDuration("3.000000001s")).isEqualTo(java.time.Duration.ofNanos(3_000_000_001L));
        assertThat(ServerError.protoDuration("30")).isNull();
        assertThat(ServerError.protoDuration("-1s")).isNull();
        assertThat(ServerError.protoDuration("abcs")).isNull();
        assertThat(ServerError.protoDuration("1e9s")).isNull();
    }

    @Test
    void scimErrorUsesItsDetail() {
        ServerError e = parse("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
                + "\"detail\":\"User not found\",\"status\":\"404\"}");
        assertThat(e.message()).isEqualTo("User not found");
        assertThat(e.errorCode()).isEqualTo("404");
    }

    @Test
    void emptyBodyUsesTheReasonPhraseHeader() {
        assertThat(ServerError.parse("", "Invalid access token.", HttpTransport.MAPPER)
                        .message())
                .isEqualTo("Invalid access token.");
        assertThat(parse("").message()).isEmpty();
    }

    @Test
    void hugeMessagesAreTruncated() {
        assertThat(parse("x".repeat(5000)).message()).hasSizeLessThan(1100).endsWith("...");
    }

    @Test
    void hintsPointAtTheFix() {
        assertThat(DatabricksApiException.hintFor(401, "", false)).contains("credentials");
        assertThat(DatabricksApiException.hintFor(403, "Invalid access token.", false))
                .contains("expired");
        assertThat(DatabricksApiException.hintFor(
                        400, "The V1 APIs for clusters and libraries are disabled. Please use the V2 APIs.", true))
                .contains("1.2")
                .contains("disabled");
        assertThat(DatabricksApiException.hintFor(404, "", false)).contains("workspace URL");
        assertThat(DatabricksApiException.hintFor(302, "redirected to https://login", false))
                .contains("workspace URL");
        assertThat(DatabricksApiException.hintFor(407, "", false)).contains("proxy");
        assertThat(DatabricksApiException.hintFor(429, "", false)).contains("rate-limiting");
        assertThat(DatabricksApiException.hintFor(200, "Sign In", true)).contains("web page");
        assertThat(DatabricksApiException.hintFor(500, "boom", false)).isNull();
    }
}
