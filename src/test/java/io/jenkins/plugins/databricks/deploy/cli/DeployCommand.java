package io.jenkins.plugins.databricks.deploy.cli;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeployAbortedException;
import io.jenkins.plugins.databricks.deploy.DeployException;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.InvalidDeploySpecException;
import io.jenkins.plugins.databricks.deploy.LocalJarLocator;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.Sleeper;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.backends.GatewayFactory;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.AccessMode;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedVolume;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole deploy from a command line, printing exactly the lines a Jenkins build log shows. Without a host it
 * starts the emulator with three clusters (an old version of the demo jar installed on two of them), builds a small
 * real jar and swaps it in with a smoke command: through REST 2.x by default (a Unity Catalog volume whose folder is
 * on the jar allowlist, a standard-mode cluster, one dedicated to the token's user, a terminated one), through
 * REST 1.2 workspace libraries with {@code --api 1.2}. With {@code --host} and {@code --token} (or
 * {@code DATABRICKS_HOST} / {@code DATABRICKS_TOKEN}) it deploys to that workspace instead, through the API the
 * folder calls for (a {@code /Volumes/} folder means 2.x) unless {@code --api} forces one. Exit status: 0 deployed (or unchanged,
 * or planned), 1 the deploy failed, 2 the options are wrong.
 */
public final class DeployCommand {

    /** Ctrl-C or SIGTERM during the deploy: aborted, rolled back as the log says ({@link AbortOnSignal}). */
    static final int EXIT_ABORTED = 3;

    static final String DEMO_VERSION = "1.1.0";
    static final String OLD_DEMO_VERSION = "1.0.0";

    private static final String HELP = """
            Usage: demo/deploy-to-emulator [options]

            Swaps a jar onto Databricks clusters and prints the Jenkins build log lines of the deploy.
            Without --host it runs against an embedded emulator (no Databricks account, no Jenkins): it
            starts three clusters, installs an old demo jar on two, builds app-1.1.0.jar and deploys it
            with a smoke command -- through REST 2.x (a Unity Catalog volume, Libraries 2.0) by default,
            through REST 1.2 workspace libraries with --api 1.2.

            Connection (a real workspace instead of the emulator):
              --host URL                    workspace URL (or env DATABRICKS_HOST)          [workspaceUrl]
              --token TOKEN                 personal access token (or env DATABRICKS_TOKEN) [credentials]
              Or a service principal, from the Databricks SDKs' variables (DATABRICKS_AUTH_TYPE picks one):
                DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET            OAuth M2M
                DATABRICKS_OIDC_TOKEN or DATABRICKS_OIDC_TOKEN_FILEPATH    workload identity federation
                  (+ DATABRICKS_CLIENT_ID for a service principal's policy)
                ARM_TENANT_ID + ARM_CLIENT_ID + ARM_CLIENT_SECRET          Azure Entra ID (ARM_ENVIRONMENT)
              The emulator takes OAuth M2M and Azure variables too, registering that service principal.

            What and where (option names map to the Jenkins step's fields in brackets):
              --jar PATH|GLOB               the jar, relative to --base-dir (default: a demo jar it builds) [jar]
              --base-dir DIR                where --jar is looked up (default: the current directory)
              --clusters A,B                cluster ids and/or names, or __ALL_CLUSTERS     [clusters]
                                            (default with the emulator: Demo Shared,Demo ETL,Demo Idle)
              --library-name TEMPLATE       default {name}-{hash}.jar; also {build}, {timestamp} [libraryName]
              --build-id ID                 the value of {build}
              --api auto|1.2|2.x            which Databricks API (default auto: a /Volumes/ folder
                                            means 2.x, any other folder 1.2; the emulator demo: 2.x) [api]
              --folder PATH                 where jars are stored: a volume folder for 2.x     [folder]
                                            (emulator 2.x: /Volumes/main/default/libs/jars), a workspace
                                            folder for 1.2 (default /Shared/jenkins)
              --replaces REGEX              which libraries are old versions (default: earlier versions
                                            of the same jar in the folder)                  [replaces]
              --replace-other-copies        also detach copies of the jar stored elsewhere  [replaceOtherCopies]
              --restart never|if_running|always   (default if_running)                      [restart]
              --wait-timeout-seconds N      (default 1200)                                  [waitTimeout]
              --keep-versions N             delete old versions beyond the newest N         [keepVersions]

            Smoke command (with the emulator a demo command is used unless you give one):
              --smoke-command TEXT                                                          [smokeCommand]
              --smoke-command-file PATH     relative to --base-dir                          [smokeCommandFile]
              --smoke-language scala|python|sql|r  (default scala)                          [smokeLanguage]
              --smoke-expect REGEX          the output must contain a match                 [smokeExpect]
              --smoke-timeout-seconds N     (default 600)                                   [smokeTimeout]

            Smoke run (instead of a command: a main class of the jar, run on each cluster as a job run):
              --smoke-main-class CLASS      e.g. demo.Smoke (every demo jar has it)         [smokeMainClass]
              --smoke-parameter ARG         an argument of the main class; repeat for more  [smokeParameters]
                                            (with the emulator, emulator:print=TEXT prints a line and
                                            emulator:throw=Type: message fails the run)

            Behaviour:
              --no-rollback                 keep the new version even if a step fails       [rollback]
              --dry-run                     print the plan, change nothing                  [dryRun]
              --json                        also print the report as JSON
              --help                        this text

            Exit status: 0 deployed / unchanged / planned, 1 the deploy failed, 2 wrong options,
            3 aborted by Ctrl-C or SIGTERM (the smoke command cancelled, contexts destroyed, rolled back).
            """;

    private DeployCommand() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(AbortOnSignal.run(out, () -> run(args, System.getenv(), out)));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
            out.println("Run with --help for the options.");
            return 2;
        }
        if (options.containsKey("help")) {
            out.print(HELP);
            return 0;
        }
        String host = options.getOrDefault("host", env.get("DATABRICKS_HOST"));
        EnvironmentAuth.Choice credentials;
        try {
            credentials = EnvironmentAuth.resolve(env, options.get("token"));
        } catch (IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
            return 2;
        }
        // The emulator has its own token, but takes a service principal's variables to show an OAuth deploy.
        boolean emulatorTakes = credentials == null
                || credentials.type().equals("oauth-m2m")
                || credentials.type().equals("azure-client-secret");
        if ((host == null && !emulatorTakes) || (host != null && credentials == null)) {
            out.println("Error: give both --host and --token (or DATABRICKS_HOST and DATABRICKS_TOKEN, or a service"
                    + " principal's variables), or neither to use the emulator.");
            return 2;
        }
        try {
            return host == null
                    ? againstEmulator(options, credentials, out)
                    : againstWorkspace(host, credentials.auth(null), options, out);
        } catch (IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** The volume folder of the emulator's 2.x demo, on the jar allowlist. */
    static final String DEMO_VOLUME_FOLDER = "/Volumes/main/default/libs/jars";

    private static int againstEmulator(Map<String, String> options, EnvironmentAuth.Choice credentials, PrintStream out)
            throws IOException {
        DatabricksApi api =
                DatabricksApi.parse(options.getOrDefault("api", "2.x")).orElse(null);
        if (api == null) {
            out.println("Error: invalid options:");
            DeploySpec.builder().api(options.get("api")).validate().stream()
                    .filter(e -> e.field() == io.jenkins.plugins.databricks.deploy.DeployField.API)
                    .forEach(e -> out.println("  " + e));
            return 2;
        }
        if (api == DatabricksApi.AUTO) {
            api = DatabricksApi.forFolder(options.getOrDefault("folder", DEMO_VOLUME_FOLDER));
        }
        // The embedded emulator speaks plain http on loopback; a real workspace (--host) stays https-only.
        System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
        try (DatabricksEmulator emulator = DatabricksEmulator.start()) {
            Auth auth = emulatorAuth(emulator, credentials);
            emulator.settings()
                    .restartDuration(Duration.ofSeconds(3))
                    .startDuration(Duration.ofSeconds(3))
                    .libraryPendingDuration(Duration.ofMillis(500))
                    .libraryInstallDuration(Duration.ofSeconds(1))
                    .contextStartDuration(Duration.ofMillis(500))
                    .commandRunDuration(Duration.ofSeconds(1));
            emulator.addCluster("0101-120000-demo1", "Demo Shared", ClusterState.RUNNING)
                    .accessMode(AccessMode.USER_ISOLATION);
            // dedicated to whoever the demo deploys as, so the smoke command may run there
            String deployer = credentials == null ? emulator.settings().defaultUserName() : credentials.clientId();
            emulator.addCluster("0101-120000-demo2", "Demo ETL", ClusterState.RUNNING)
                    .singleUser(deployer);
            emulator.addCluster("0101-120000-demo3", "Demo Idle", ClusterState.TERMINATED);
            if (api == DatabricksApi.REST_2) {
                EmulatedVolume libs = emulator.addVolume("main", "default", "libs");
                emulator.catalogDirectory(DEMO_VOLUME_FOLDER);
                emulator.allowlists().jarPrefixes(DEMO_VOLUME_FOLDER + "/");
                options.putIfAbsent("folder", DEMO_VOLUME_FOLDER);
                out.println("Emulator (REST 2.x): " + emulator.url() + ", volume " + libs.fullName() + " with "
                        + DEMO_VOLUME_FOLDER + "/ on the jar allowlist; Demo Shared (standard access mode), Demo ETL"
                        + " (dedicated to " + deployer + "), both Running with app-"
                        + OLD_DEMO_VERSION + " installed; Demo Idle (Terminated)");
            } else {
                out.println("Emulator (REST 1.2): " + emulator.url() + " with clusters Demo Shared and Demo ETL"
                        + " (Running, app-" + OLD_DEMO_VERSION + " attached) and Demo Idle (Terminated)");
            }
            options.put("api", api.fieldValue());
            Path demoDir = Files.createTempDirectory("databricks-deploy-demo");
            Poller poller =
                    new Poller(Duration.ofMillis(500), 1.5, Duration.ofSeconds(5), Clock.systemUTC(), Sleeper.SYSTEM);
            try (HttpTransport transport = transport(emulator.url(), auth, out)) {
                // The old version a previous build left: installed on the two running clusters.
                DemoJar.write(demoDir.resolve("old/target/app-" + OLD_DEMO_VERSION + ".jar"), OLD_DEMO_VERSION);
                DeploySpec old = DeploySpec.builder()
                        .workspaceUrl(emulator.url())
                        .jar("target/*.jar")
                        .folder(options.get("folder"))
                        .api(api)
                        .clusters("Demo Shared,Demo ETL")
                        .build();
                new Deployer(
                                GatewayFactory.forSpec(old, transport, poller),
                                new LocalJarLocator(demoDir.resolve("old")),
                                DeployListener.NONE,
                                poller)
                        .deploy(old);
                out.println("Emulator: authenticating with " + auth.method());
                if (options.containsKey("smoke-main-class") && !options.containsKey("smoke-parameter")) {
                    options.put("smoke-parameter", "emulator:print=demo app " + DEMO_VERSION + " loaded");
                }
                if (!options.containsKey("smoke-command")
                        && !options.containsKey("smoke-command-file")
                        && !options.containsKey("smoke-main-class")) {
                    options.put(
                            "smoke-command",
                            "// emulator: print=demo app " + DEMO_VERSION + " loaded\n"
                                    + "println(getClass.getResource(\"/demo/version.txt\"))");
                    options.putIfAbsent("smoke-expect", "app 1\\.1\\.0");
                }
                options.putIfAbsent("clusters", "Demo Shared,Demo ETL,Demo Idle");
                return deploy(emulator.url(), auth, transport, demoDir, options, poller, out);
            } catch (DeployException e) {
                out.println("Error: the emulator setup failed: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.println("Error: interrupted");
                return 1;
            }
        }
    }

    /** The emulator's own token, or the service principal of the variables, registered with the emulator. */
    private static Auth emulatorAuth(DatabricksEmulator emulator, EnvironmentAuth.Choice credentials) {
        if (credentials == null) {
            return Auth.bearer(emulator.token());
        }
        Map<String, String> env = credentials.env();
        if (credentials.type().equals("oauth-m2m")) {
            emulator.oauth().servicePrincipal(credentials.clientId(), env.get("DATABRICKS_CLIENT_SECRET"));
        } else {
            emulator.oauth()
                    .entraApplication(env.get("ARM_TENANT_ID"), credentials.clientId(), env.get("ARM_CLIENT_SECRET"));
        }
        return credentials.auth(emulator.url());
    }

    private static int againstWorkspace(String host, Auth token, Map<String, String> options, PrintStream out)
            throws IOException {
        if (!options.containsKey("clusters")) {
            out.println("Error: clusters: give --clusters (ids and/or names) for " + host);
            return 2;
        }
        Path demoDir = Files.createTempDirectory("databricks-deploy-demo");
        try (HttpTransport transport = transport(host, token, out)) {
            return deploy(host, token, transport, demoDir, options, Poller.standard(), out);
        } catch (IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
            return 2;
        }
    }

    /** One transport for both APIs: the 2.x calls and the 1.2 command calls share it. */
    private static HttpTransport transport(String url, Auth auth, PrintStream out) {
        return HttpTransport.builder(url)
                .auth(auth)
                .retryListener(Rest12Gateway.retriesTo(DeployListener.printingTo(out)))
                .build();
    }

    private static int deploy(
            String url,
            Auth auth,
            HttpTransport transport,
            Path demoDir,
            Map<String, String> o,
            Poller poller,
            PrintStream out)
            throws IOException {
        Path base;
        String jar = o.get("jar");
        if (jar == null) {
            base = demoDir;
            DemoJar.write(base.resolve("target/app-" + DEMO_VERSION + ".jar"), DEMO_VERSION);
            jar = "target/app-*.jar";
        } else {
            base = Path.of(o.getOrDefault("base-dir", "."));
        }
        DeploySpec spec;
        try {
            spec = DeploySpec.builder()
                    .workspaceUrl(url)
                    .auth(WorkspaceAuth.of(auth))
                    .jar(jar)
                    .clusters(o.get("clusters"))
                    .libraryName(o.get("library-name"))
                    .buildId(o.get("build-id"))
                    .folder(o.get("folder"))
                    .replaces(o.get("replaces"))
                    .replaceOtherCopies(o.containsKey("replace-other-copies"))
                    .restart(o.get("restart"))
                    .waitTimeoutSeconds(integer(o, "wait-timeout-seconds"))
                    .keepVersions(integer(o, "keep-versions"))
                    .smokeCommand(o.get("smoke-command"))
                    .smokeCommandFile(o.get("smoke-command-file"))
                    .smokeMainClass(o.get("smoke-main-class"))
                    .smokeParameters(o.get("smoke-parameter"))
                    .smokeLanguage(o.get("smoke-language"))
                    .smokeExpect(o.get("smoke-expect"))
                    .smokeTimeoutSeconds(integer(o, "smoke-timeout-seconds"))
                    .rollback(!o.containsKey("no-rollback"))
                    .dryRun(o.containsKey("dry-run"))
                    .api(o.get("api"))
                    .build();
        } catch (InvalidDeploySpecException e) {
            out.println("Error: invalid options:");
            e.errors().forEach(err -> out.println("  " + err));
            return 2;
        }
        out.println();
        out.println("----- build log -----");
        Deployer deployer = new Deployer(
                GatewayFactory.forSpec(spec, transport, poller),
                new LocalJarLocator(base),
                DeployListener.printingTo(out),
                poller);
        DeployReport report;
        int status;
        try {
            report = deployer.deploy(spec);
            status = Thread.interrupted() ? EXIT_ABORTED : 0; // aborted during the clean-up: the deploy stands
        } catch (DeployAbortedException e) {
            out.println("ERROR: " + e.getMessage());
            report = e.report().orElse(null);
            status = EXIT_ABORTED;
        } catch (DeployException e) {
            out.println("ERROR: " + e.getMessage());
            report = e.report().orElse(null);
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("ERROR: interrupted");
            return EXIT_ABORTED;
        }
        if (report != null) {
            out.println();
            out.println("----- report -----");
            out.print(report.summary());
            if (o.containsKey("json")) {
                out.println(report.toJson());
            }
        }
        return status;
    }

    private static Integer integer(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a whole number, not '" + v + "'");
        }
    }

    private static final List<String> FLAGS = List.of("help", "no-rollback", "dry-run", "json", "replace-other-copies");
    private static final List<String> VALUED = List.of(
            "host",
            "token",
            "api",
            "jar",
            "base-dir",
            "clusters",
            "library-name",
            "build-id",
            "folder",
            "replaces",
            "restart",
            "wait-timeout-seconds",
            "keep-versions",
            "smoke-command",
            "smoke-command-file",
            "smoke-language",
            "smoke-expect",
            "smoke-timeout-seconds",
            "smoke-main-class",
            "smoke-parameter");

    /** Options that may be given more than once: their values are kept in order, one per line. */
    private static final List<String> REPEATABLE = List.of("smoke-parameter");

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                arg = "--help";
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (REPEATABLE.contains(name) && options.containsKey(name)) {
                    value = options.get(name) + "\n" + value;
                }
                options.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return options;
    }
}
