package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * Reads a request's parameters from the query string and the body: form-urlencoded, JSON or multipart, on any POST.
 * Text is bounded; file parts stream through {@link UploadDigest} and are never held in memory.
 */
final class RequestReader {

    /** Bound on any text read into memory (form bodies, JSON bodies, text parts, command files). */
    static final int MAX_TEXT = 16 * 1024 * 1024;

    /** The multipart part that carries the library's bytes in {@code libraries/upload}. */
    static final String UPLOAD_PART = "uri";

    /** The multipart file part that may carry a command's text in {@code commands/execute}. */
    static final String COMMAND_PART = "command";

    private final ObjectMapper json;

    RequestReader(ObjectMapper json) {
        this.json = json;
    }

    static void addQuery(ApiRequest request, String rawQuery) {
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (NameValuePair p : WWWFormCodec.parse(rawQuery, StandardCharsets.UTF_8)) {
                request.addParam(p.getName(), p.getValue() == null ? "" : p.getValue());
            }
        }
    }

    /** Adds the body's parameters (and upload) to {@code request}, which already holds the query's. */
    void readBody(HttpExchange exchange, ApiRequest request, Service service) throws IOException {
        if (service.rawBody(request)) {
            request.rawBody(exchange.getRequestBody());
            return;
        }
        if (!"POST".equals(request.method()) && !"PUT".equals(request.method())) {
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ExchangeFileUpload.isMultipart(type)) {
            readMultipart(exchange, request);
        } else if (type.startsWith("application/json")) {
            readJson(exchange.getRequestBody(), request);
        } else {
            String body = readText(exchange.getRequestBody());
            if (type.isEmpty() && body.trim().startsWith("{")) {
                readJsonText(body, request);
            } else {
                for (NameValuePair p : WWWFormCodec.parse(body, StandardCharsets.UTF_8)) {
                    request.params().put(p.getName(), p.getValue() == null ? "" : p.getValue());
                }
            }
        }
    }

    private void readJson(InputStream body, ApiRequest request) throws IOException {
        readJsonText(readText(body), request);
    }

    private void readJsonText(String text, ApiRequest request) {
        if (text.isBlank()) {
            return;
        }
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON body: " + e.getOriginalMessage());
        }
        if (!tree.isObject()) {
            throw ApiException.badRequest("A JSON body must be an object, was " + tree.getNodeType());
        }
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (!v.isNull()) {
                request.params().put(f.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        }
    }

    private static void readMultipart(HttpExchange exchange, ApiRequest request) throws IOException {
        FileItemInputIterator parts;
        try {
            parts = new ExchangeFileUpload().getItemIterator(exchange);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                String name = part.getFieldName();
                try (InputStream in = part.getInputStream()) {
                    if (UPLOAD_PART.equals(name) || (!part.isFormField() && !COMMAND_PART.equals(name))) {
                        UploadDigest digest = UploadDigest.consume(in);
                        request.parts().add(new JournalEntry.Part(name, part.getName(), digest.sizeBytes()));
                        if (UPLOAD_PART.equals(name)) {
                            request.upload(new ApiRequest.UploadedFile(name, part.getName(), digest));
                        }
                    } else {
                        byte[] bytes = readBounded(in);
                        request.parts().add(new JournalEntry.Part(name, part.getName(), bytes.length));
                        request.params().put(name, new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (FileUploadException e) {
            throw ApiException.badRequest("Malformed multipart body: " + e.getMessage());
        }
    }

    private static String readText(InputStream in) throws IOException {
        return new String(readBounded(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_TEXT + 1);
        if (bytes.length > MAX_TEXT) {
            throw new ApiException(
                    413,
                    "IllegalArgumentException",
                    "Text parameters are limited to " + MAX_TEXT + " bytes; send files as multipart file parts");
        }
        return bytes;
    }
}
