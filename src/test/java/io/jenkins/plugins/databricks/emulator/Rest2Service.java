package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every REST 2.x service shares: JSON answers, the 2.x error body {@code {"error_code","message","details":[
 * ErrorInfo, RequestInfo]}} on every error (a {@link RestError}, a 1.2-style {@link ApiException} from the body
 * reader, a wrong method), and parameter helpers. A subclass only says which paths it serves and what they do.
 */
abstract class Rest2Service implements Service {

    /** What {@link #handle} returns for a 200 answer without a body. */
    static final Object NO_BODY = new Object();

    static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    static final String REQUEST_INFO = "type.googleapis.com/google.rpc.RequestInfo";

    final ObjectMapper json;

    Rest2Service(ObjectMapper json) {
        this.json = json;
    }

    /** The answer: a value to serialize as JSON, {@link #NO_BODY}, or a finished {@link ApiResponse}. */
    abstract Object handle(ApiRequest r);

    @Override
    public final ApiResponse route(ApiRequest r) {
        try {
            Object answer = handle(r);
            if (answer instanceof ApiResponse response) {
                return response;
            }
            if (answer == NO_BODY) {
                return new ApiResponse(200, Map.of(), new byte[0]);
            }
            return ApiResponse.json(200, write(answer));
        } catch (RestError e) {
            return error(e, r);
        } catch (ApiException e) {
            return error(e, r);
        }
    }

    @Override
    public ApiResponse error(ApiException e, ApiRequest r) {
        String code = e.status() == 413 ? "REQUEST_ENTITY_TOO_LARGE" : "MALFORMED_REQUEST";
        return error(new RestError(e.status(), code, e.getMessage()), r);
    }

    ApiResponse error(RestError e, ApiRequest r) {
        ApiResponse response = ApiResponse.json(
                e.status(), write(errorBody(e.errorCode(), e.getMessage(), e.reason(), e.domain(), r)));
        return e.retryAfterSeconds() < 0
                ? response
                : response.withHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    }

    /** The 2.x error body; shared with the faults that answer on a 2.x path. */
    static Map<String, Object> errorBody(String errorCode, String message, String reason, String domain, ApiRequest r) {
        List<Map<String, Object>> details = new ArrayList<>();
        if (reason != null) {
            Map<String, Object> info = ordered("@type", ERROR_INFO, "reason", reason, "domain", domain);
            info.put("metadata", Map.of());
            details.add(info);
        }
        details.add(ordered("@type", REQUEST_INFO, "request_id", r.requestId(), "serving_data", ""));
        Map<String, Object> body = ordered("error_code", errorCode, "message", message);
        body.put("details", details);
        return body;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize an answer", e);
        }
    }

    /** Throws 405 unless the request uses {@code expected}. */
    static void method(ApiRequest r, String expected) {
        if (!expected.equals(r.method())) {
            throw new RestError(
                    405,
                    "METHOD_NOT_ALLOWED",
                    "Method " + r.method() + " is not supported for " + r.path() + "; use " + expected);
        }
    }

    static RestError noSuchEndpoint(ApiRequest r) {
        return new RestError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + r.method() + " " + r.path() + "'");
    }

    /** A required parameter (query or JSON body), or a 400 naming it. */
    static String require(ApiRequest r, String name) {
        String value = r.optional(name);
        if (value == null || value.isBlank()) {
            throw RestError.invalidParameter("Missing required field: " + name);
        }
        return value;
    }

    /** A JSON-valued body field (kept as JSON text by the body reader), parsed; or a 400 naming it. */
    JsonNode requireJson(ApiRequest r, String name) {
        String text = require(r, name);
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw RestError.invalidParameter("Field '" + name + "' is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** An optional positive integer parameter; 400 naming it when it is not one. */
    static Integer optionalInt(ApiRequest r, String name, int max) {
        String value = r.optional(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0 || n > max) {
                throw RestError.invalidParameter(name + " must be between 0 and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw RestError.invalidParameter(name + " must be an integer, was '" + value + "'");
        }
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return m;
    }
}
