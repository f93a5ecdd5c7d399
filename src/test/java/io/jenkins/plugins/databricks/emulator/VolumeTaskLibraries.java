package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Optional;

/**
 * Task libraries through Libraries 2.0: the jar is installed by path as {@code libraries/install} would (so the
 * allowlist, access mode and a missing file fail it the same way), and its classes are read from the volume file.
 */
final class VolumeTaskLibraries implements TaskLibraries {

    private final Workspace workspace;

    VolumeTaskLibraries(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Optional<InstalledJar> install(String clusterId, String uri, String caller) {
        JsonNode library = JsonNodeFactory.instance.objectNode().put("jar", uri);
        String refused;
        try {
            workspace.install(clusterId, List.of(library), caller);
            refused = null;
        } catch (RestError e) {
            refused = e.getMessage();
        }
        String refusal = refused;
        return Optional.of(new InstalledJar() {
            @Override
            public boolean ready() {
                LibraryStatus status = status();
                return status == LibraryStatus.INSTALLED || status == LibraryStatus.RESTORED;
            }

            @Override
            public String failure() {
                if (refusal != null) {
                    return refusal;
                }
                return workspace.read(() -> workspace.libraryStatuses(clusterId).stream()
                        .filter(r -> r.library().equals(library) && r.status() == LibraryStatus.FAILED)
                        .map(r -> r.messages().isEmpty() ? "FAILED" : String.join("\n", r.messages()))
                        .findFirst()
                        .orElse(null));
            }

            @Override
            public boolean containsClass(String className) {
                EmulatedFile file;
                try {
                    file = workspace.catalog().file(uri);
                } catch (RestError notAVolumePath) {
                    return false;
                }
                return file != null && file.classNames().contains(className);
            }

            private LibraryStatus status() {
                return workspace.read(() -> workspace.libraryStatuses(clusterId).stream()
                        .filter(r -> r.library().equals(library))
                        .map(Workspace.LibraryReport::status)
                        .findFirst()
                        .orElse(null));
            }
        });
    }
}
