package io.jenkins.plugins.databricks.deploy;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default rule for "an earlier version of this jar": a file name is one when it names the same artifact
 * ({@link ArtifactName}), however it was named — by hand, by another tool, or by our own template, whatever that
 * template is. For a template name, the part {@code {name}} filled in is what is compared, so
 * {@code {build}-{name}.jar} finds {@code 41-etl-app-0.9.0.jar}; a template without {@code {name}} matches every name
 * it can render.
 */
final class EarlierVersions implements Predicate<String> {

    private final String artifact;
    private final Pattern templateName;
    private final boolean templateHasName;

    EarlierVersions(LibraryNameTemplate template, String jarBaseName) {
        String a = ArtifactName.of(jarBaseName);
        this.artifact = a.isEmpty() ? jarBaseName.toLowerCase(java.util.Locale.ROOT) : a;
        this.templateHasName = template.template().contains("{name}");
        this.templateName = templatePattern(template.template());
    }

    /** The artifact this rule looks for, e.g. {@code etl-app}. */
    String artifact() {
        return artifact;
    }

    @Override
    public boolean test(String fileName) {
        if (artifact.equals(ArtifactName.of(fileName))) {
            return true;
        }
        Matcher m = templateName.matcher(fileName);
        if (!m.matches()) {
            return false;
        }
        return !templateHasName || artifact.equals(ArtifactName.of(m.group("name")));
    }

    /** {@code {name}} greedy (so a build id or hash after it stays short), the other placeholders as they render. */
    private static Pattern templatePattern(String template) {
        Matcher m = Pattern.compile("\\{([^{}]*)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        boolean named = false;
        int last = 0;
        while (m.find()) {
            regex.append(quote(template.substring(last, m.start())));
            String part =
                    switch (m.group(1)) {
                        case "name" -> named ? ".+" : "(?<name>.+)";
                        case "hash" -> "[0-9a-f]{" + LibraryNameTemplate.HASH_LENGTH + "}";
                        case "timestamp" -> "\\d{8}-\\d{6}";
                        default -> ".+?";
                    };
            named |= m.group(1).equals("name");
            regex.append(part);
            last = m.end();
        }
        regex.append(quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    private static String quote(String literal) {
        return literal.isEmpty() ? "" : Pattern.quote(literal);
    }
}
