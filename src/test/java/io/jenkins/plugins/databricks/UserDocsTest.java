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

/** Keeps the user docs in step with the code: the JCasC YAML is the tested one, and examples use real parameters. */
class UserDocsTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STEP_CALL = Pattern.compile("databricksDeploy\\((.*?)\\)", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("(?:^|[,(\\s])([a-zA-Z]+)\\s*:");

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
        try (Stream<Path> pages = Files.list(docs())) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher call = STEP_CALL.matcher(Files.readString(page, StandardCharsets.UTF_8));
                while (call.find()) {
                    Matcher parameter = PARAMETER.matcher(call.group(1).replaceAll("'[^']*'", "''"));
                    while (parameter.find()) {
                        used.add(parameter.group(1));
                    }
                }
            }
        }

        assertThat(used)
                .as("parameters in the docs' databricksDeploy(...) calls")
                .isNotEmpty();
        assertThat(parameters).containsAll(used);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UserDocsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The repository's docs folder, from the module directory of either build (root or offline/plugin). */
    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/configuration.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new AssertionError("no docs/configuration.md above " + Path.of("").toAbsolutePath());
    }
}
