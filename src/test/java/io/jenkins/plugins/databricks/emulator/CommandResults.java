package io.jenkins.plugins.databricks.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the {@code results} object of {@code commands/status}, in the shapes the real service uses. */
final class CommandResults {

    private CommandResults() {}

    static Map<String, Object> of(CommandScript script, String commandId) {
        Map<String, Object> r = new LinkedHashMap<>();
        switch (script.outcome()) {
            case TEXT -> {
                r.put("resultType", "text");
                r.put("data", script.text());
            }
            case USER_ERROR, PLATFORM_ERROR -> {
                return error(script.errorType(), script.errorMessage(), commandId);
            }
            case TABLE -> {
                r.put("resultType", "table");
                r.put("data", List.of(List.of(1, "alpha"), List.of(2, "beta")));
                r.put(
                        "schema",
                        List.of(
                                Map.of("name", "id", "type", "\"integer\"", "metadata", "{}"),
                                Map.of("name", "name", "type", "\"string\"", "metadata", "{}")));
                r.put("truncated", script.truncated());
                r.put("isJsonSchema", true);
            }
            case IMAGE -> {
                r.put("resultType", "image");
                r.put("fileName", plot(commandId, 0));
            }
            case IMAGES -> {
                r.put("resultType", "images");
                r.put("fileNames", List.of(plot(commandId, 0), plot(commandId, 1)));
            }
        }
        return r;
    }

    /**
     * An error result as the real service renders one: the summary is HTML (tags and entities), the cause a stack
     * trace coloured with ANSI escapes; clients must strip both before showing them.
     */
    static Map<String, Object> error(String type, String message, String commandId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("resultType", "error");
        r.put("summary", "<span class=\"ansi-red-fg\">" + html(type) + "</span>: " + html(message));
        r.put(
                "cause",
                "\u001b[0;31m---------------------------------------------------------------------------\u001b[0m\n"
                        + "\u001b[0;31m" + type + "\u001b[0m: " + message + "\n"
                        + "\tat emulated.Command" + commandId.replace("-", "") + ".run(command:1)");
        return r;
    }

    private static String plot(String commandId, int index) {
        return "/plots/" + UUID.nameUUIDFromBytes((commandId + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".png";
    }

    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
