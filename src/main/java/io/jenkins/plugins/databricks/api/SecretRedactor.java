package io.jenkins.plugins.databricks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets one deploy holds, and the one filter every text passes through before it is stored or shown: log lines,
 * the report (build page, {@code build.xml}, the step's return value) and error messages. Secrets may be added at any
 * time, e.g. by the auth layer when it mints an access token during the deploy; text redacted afterwards is free of
 * them too. Thread-safe: the smoke command writes log lines from several threads.
 *
 * <p>Each secret is removed in the forms it travels in: as is, URL-encoded (a form body or query), Base64 (a header),
 * JSON-escaped (an echoed request body) and, for a user and password, Base64 of {@code user:password} (HTTP Basic).
 */
public final class SecretRedactor {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Every form of every secret; longest first when applied, so a form containing another goes whole. */
    private final Set<String> forms = ConcurrentHashMap.newKeySet();

    /** Registers a token, password or client secret; blank values are ignored. Returns this redactor. */
    public SecretRedactor add(String secret) {
        if (secret == null || secret.isBlank()) {
            return this;
        }
        for (String s : List.of(secret, secret.strip())) {
            forms.add(s);
            forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            forms.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            String quoted = TextNode.valueOf(s).toString();
            forms.add(quoted.substring(1, quoted.length() - 1));
        }
        forms.remove(MASK);
        return this;
    }

    /** Registers a password and the HTTP Basic form {@code Base64(user:password)}. Returns this redactor. */
    public SecretRedactor addBasic(String user, String password) {
        add(password);
        if (user != null && password != null && !password.isBlank()) {
            forms.add(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return this;
    }

    /** {@code text} with every registered secret replaced by {@value #MASK}; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        return out;
    }

    /**
     * A JSON document with every string value in it redacted; the structure and the field names (the writer's own)
     * stay intact however the secret is spelt, which replacing in the JSON text could break.
     *
     * @throws UncheckedIOException when {@code json} is not JSON (the caller produced it, so that is a bug)
     */
    public String redactJson(String json) {
        if (json == null || forms.isEmpty()) {
            return json;
        }
        try {
            return JSON.writeValueAsString(redactNode(JSON.readTree(json)));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    private JsonNode redactNode(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(redact(node.asText()));
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redactNode(array.get(i)));
            }
            return array;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), redactNode(field.getValue()));
            }
            return copy;
        }
        return node;
    }

    @Override
    public String toString() {
        return "SecretRedactor[" + forms.size() + " forms]";
    }
}
