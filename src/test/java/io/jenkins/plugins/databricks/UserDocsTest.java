package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the user docs, README.md and CONTRIBUTING.md in step with the code: the JCasC YAML is the tested one, examples
 * use real parameters, relative links lead to files that exist, and README gives the commands CI and the demo run.
 */
class UserDocsTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CODE_BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final String STEP_CALL = "databricksDeploy(";
    private static final Pattern PARAMETER = Pattern.compile("(?:^|[,(\\s])([a-zA-Z]+)\\s*:");
    private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\((?![a-z]+:|#)([^)#\\s]+)(?:#[^)]*)?\\)");

    @Test
    void configurationPageShowsTheYamlTheJcascTestImports() throws IOException {
        String page = Files.readString(docs().resolve("configuration.md"), StandardCharsets.UTF_8);
        Matcher block = YAML_BLOCK.matcher(page);
        assertThat(block.find()).as("a ```yaml block in docs/configuration.md").isTrue();

        assertThat(block.group(1)).isEqualTo(resource("configuration-as-code.yml"));
    }

    @Test
    void pipelineExamplesUseOnlyParametersOfTheStep() throws IOException {
        Set<String> parameters = Arrays.stream(DatabricksDeployStep.class.getMethods())
                .map(m -> m.getName())
                .filter(name -> name.startsWith("set") && name.length() > 3)
                .map(name -> name.substring(3, 4).toLowerCase(Locale.ROOT) + name.substring(4))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> used = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            for (int at = text.indexOf(STEP_CALL); at >= 0; at = text.indexOf(STEP_CALL, at + 1)) {
                Matcher parameter = PARAMETER.matcher(arguments(text, at + STEP_CALL.length(), page));
                while (parameter.find()) {
                    used.add(parameter.group(1));
                }
            }
        }

        assertThat(used)
                .as("parameters in the docs' databricksDeploy(...) calls")
                .isNotEmpty();
        assertThat(parameters).containsAll(used);
        assertThat(used).as("a parameter after a string that holds parentheses").contains("smokeExpect");
    }

    @Test
    void relativeLinksLeadToFilesThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            Matcher link = RELATIVE_LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (link.find()) {
                links++;
                if (!Files.exists(page.resolveSibling(link.group(1)))) {
                    broken.add(root().relativize(page) + " -> " + link.group(1));
                }
            }
        }

        assertThat(links).as("relative links in the pages").isPositive();
        assertThat(broken).as("relative links to files that do not exist").isEmpty();
    }

    @Test
    void readmeGivesTheTwoCommandsANewcomerRunsAndCiRunsTheSame() throws IOException {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        List<String> commands = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(readme);
        while (block.find()) {
            commands.add(block.group(1).strip());
        }
        String ci = Files.readString(root().resolve(".ci/run"), StandardCharsets.UTF_8);

        assertThat(commands).contains("./demo/deploy-to-emulator", "mvn -f offline/pom.xml verify");
        assertThat(Files.isExecutable(root().resolve("demo/deploy-to-emulator")))
                .isTrue();
        assertThat(ci.lines().map(String::strip).filter(line -> line.startsWith("mvn ") && line.endsWith(" verify")))
                .as("the test command in .ci/run: README's, in batch mode")
                .containsExactly("mvn -B -ntp -f offline/pom.xml verify");
    }

    /**
     * The text between a call's parentheses, with every quoted string emptied, so a parenthesis or colon inside a
     * string (a smoke command such as {@code 'println(x.get())'}) neither ends the call nor reads as a parameter.
     */
    private static String arguments(String text, int from, Path page) {
        StringBuilder out = new StringBuilder();
        int depth = 1;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    out.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                if (depth == 0) {
                    return out.toString();
                }
                out.append(c);
            } else {
                out.append(c);
            }
        }
        throw new AssertionError("a databricksDeploy( call in " + page + " that never closes");
    }

    /** README.md, CONTRIBUTING.md and every page in docs/. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root().resolve("README.md"), root().resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(docs())) {
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        return pages;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UserDocsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path docs() {
        return root().resolve("docs");
    }

    /** The repository's root, from the module directory of either build (root or offline/plugin). */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/configuration.md"))) {
                return dir;
            }
        }
        throw new AssertionError("no docs/configuration.md above " + Path.of("").toAbsolutePath());
    }
}
