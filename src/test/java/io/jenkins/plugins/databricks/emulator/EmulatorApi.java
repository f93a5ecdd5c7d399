package io.jenkins.plugins.databricks.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the emulator's API tests: before each test a fresh emulator, set up as the test class declared
 * (settings such as a {@link ManualClock}, then clusters, in that order), and a JDK HTTP client with its token;
 * after it, both closed. Registered as a field, so each test gets its own:
 *
 * <pre>{@code @RegisterExtension
 * final EmulatorApi api = new EmulatorApi().cluster("c1", "one", ClusterState.RUNNING);}</pre>
 */
final class EmulatorApi implements BeforeEachCallback, AfterEachCallback {

    private final List<Consumer<DatabricksEmulator>> setup = new ArrayList<>();
    private DatabricksEmulator emulator;
    private EmulatorHttp http;

    EmulatorApi settings(Consumer<Settings> change) {
        setup.add(e -> change.accept(e.settings()));
        return this;
    }

    EmulatorApi cluster(String id, String name, ClusterState state) {
        setup.add(e -> e.addCluster(id, name, state));
        return this;
    }

    EmulatorApi volume(String catalog, String schema, String name) {
        setup.add(e -> e.addVolume(catalog, schema, name));
        return this;
    }

    /** Any other set-up step (a cluster's 2.x attributes, an allowlist, ...). */
    EmulatorApi with(Consumer<DatabricksEmulator> step) {
        setup.add(step);
        return this;
    }

    DatabricksEmulator emulator() {
        return emulator;
    }

    EmulatorHttp http() {
        return http;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator = DatabricksEmulator.start();
        setup.forEach(step -> step.accept(emulator));
        http = new EmulatorHttp(emulator);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try (DatabricksEmulator started = emulator;
                EmulatorHttp client = http) {
            // closes the client, then the emulator, even if one of them fails
        }
    }
}
