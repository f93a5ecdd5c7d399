package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Jenkins parses views at request time; a broken .jelly would only show up as a stack trace on a page. */
class JellyFilesAreWellFormedTest {

    @Test
    void everyJellyFileParsesAsXml() throws Exception {
        List<Path> jellies = jellyFiles();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path jelly : jellies) {
            String root = factory.newDocumentBuilder()
                    .parse(jelly.toFile())
                    .getDocumentElement()
                    .getLocalName();
            // index.jelly is the plugin description (plain HTML); every view is a jelly:core document.
            String expected = jelly.getFileName().toString().equals("index.jelly")
                            && jelly.getParent().equals(RESOURCES)
                    ? "div"
                    : "jelly";
            assertThat(root).as("root element of %s", jelly).isEqualTo(expected);
        }
        assertThat(jellies).as("the plugin description index.jelly at least").isNotEmpty();
    }

    private static final Path RESOURCES = Path.of("src/main/resources");

    private static List<Path> jellyFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }
}
