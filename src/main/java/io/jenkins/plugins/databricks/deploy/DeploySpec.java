package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What to deploy, where, and how: immutable and validated. Build it with {@link #builder()}; {@link Builder#build()}
 * reports every invalid field at once, each message starting with the field's user-facing name (see
 * {@link DeployField}), before anything touches Databricks.
 */
public final class DeploySpec {

    /** The cluster entry that means every cluster, through the library's attach-to-all-clusters flag. */
    public static final String ALL_CLUSTERS = "__ALL_CLUSTERS";

    public static final String DEFAULT_FOLDER = "/Shared/jenkins";
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(20);
    public static final Duration DEFAULT_SMOKE_TIMEOUT = Duration.ofMinutes(10);

    /** A Java binary class name: dot-separated identifiers ({@code $} for nested classes). */
    private static final Pattern JAVA_CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    public static final RestartPolicy DEFAULT_RESTART = RestartPolicy.IF_RUNNING;

    private final URI workspaceUrl;
    private final WorkspaceAuth auth;
    private final String jar;
    private final LibraryNameTemplate libraryName;
    private final String folder;
    private final Pattern replaces;
    private final boolean replaceOtherCopies;
    private final List<String> clusters;
    private final RestartPolicy restart;
    private final Duration waitTimeout;
    private final Integer keepVersions;
    private final SmokeSpec smoke;
    private final boolean rollback;
    private final boolean dryRun;
    private final String buildId;
    private final DatabricksApi apiChoice;

    private DeploySpec(
            Builder b,
            URI workspaceUrl,
            LibraryNameTemplate libraryName,
            String folder,
            Pattern replaces,
            List<String> clusters,
            RestartPolicy restart,
            SmokeSpec smoke) {
        this.workspaceUrl = workspaceUrl;
        this.auth = b.auth;
        this.jar = b.jar.trim();
        this.libraryName = libraryName;
        this.folder = folder;
        this.replaces = replaces;
        this.replaceOtherCopies = b.replaceOtherCopies;
        this.clusters = List.copyOf(clusters);
        this.restart = restart;
        this.waitTimeout = b.waitTimeout == null ? DEFAULT_WAIT_TIMEOUT : b.waitTimeout;
        this.keepVersions = b.keepVersions;
        this.smoke = smoke;
        this.rollback = b.rollback;
        this.dryRun = b.dryRun;
        this.buildId = blankToNull(b.buildId);
        this.apiChoice = b.apiChoice;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The workspace address, e.g. {@code https://adb-1234567890123456.7.azuredatabricks.net}, no trailing slash. */
    public URI workspaceUrl() {
        return workspaceUrl;
    }

    /** Absent when the caller connects the gateway itself. */
    public Optional<WorkspaceAuth> auth() {
        return Optional.ofNullable(auth);
    }

    /** The jar: a path or an Ant glob relative to the base directory of the {@link JarLocator}. */
    public String jar() {
        return jar;
    }

    public LibraryNameTemplate libraryName() {
        return libraryName;
    }

    /** The workspace folder, starting with {@code /}, without a trailing slash (as libraries/list returns it). */
    public String folder() {
        return folder;
    }

    /** A user-given pattern for the old versions; absent means "earlier versions of this jar" per the template. */
    public Optional<Pattern> replaces() {
        return Optional.ofNullable(replaces);
    }

    /**
     * Whether copies of the same artifact stored elsewhere (another folder, another path) and installed on a target
     * are detached by this deploy. Off by default: the deploy then refuses before any change and names them.
     */
    public boolean replaceOtherCopies() {
        return replaceOtherCopies;
    }

    /** Cluster ids and/or names as given, or just {@link #ALL_CLUSTERS}. */
    public List<String> clusters() {
        return clusters;
    }

    public boolean allClusters() {
        return clusters.contains(ALL_CLUSTERS);
    }

    public RestartPolicy restart() {
        return restart;
    }

    public Duration waitTimeout() {
        return waitTimeout;
    }

    /** How many old versions to keep besides the new one; absent means delete none. */
    public OptionalInt keepVersions() {
        return keepVersions == null ? OptionalInt.empty() : OptionalInt.of(keepVersions);
    }

    public Optional<SmokeSpec> smoke() {
        return Optional.ofNullable(smoke);
    }

    public boolean rollback() {
        return rollback;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The {@code api} field as given: {@link DatabricksApi#AUTO} unless the user forced one. */
    public DatabricksApi apiChoice() {
        return apiChoice;
    }

    /** The API this deploy speaks: the forced one, or on {@code auto} the one the folder calls for. */
    public DatabricksApi api() {
        return apiChoice == DatabricksApi.AUTO ? DatabricksApi.forFolder(folder) : apiChoice;
    }

    /** The build id for {@code {build}} in the library name, when the front end gave one. */
    public Optional<String> buildId() {
        return Optional.ofNullable(buildId);
    }

    @Override
    public String toString() {
        return "DeploySpec[workspaceUrl=" + workspaceUrl + ", auth=" + (auth == null ? "none" : auth) + ", jar=" + jar
                + ", libraryName=" + libraryName + ", folder=" + folder + ", replaces="
                + (replaces == null ? "(earlier versions)" : replaces.pattern()) + ", replaceOtherCopies="
                + replaceOtherCopies + ", clusters=" + clusters
                + ", restart=" + restart + ", waitTimeout=" + waitTimeout + ", keepVersions="
                + (keepVersions == null ? "all" : keepVersions) + ", smoke=" + (smoke != null) + ", rollback="
                + rollback + ", dryRun=" + dryRun + ", api=" + apiChoice.fieldValue() + "]";
    }

    /** A folder as libraries/list returns it: without trailing slashes ({@code null} is ""). */
    public static String normaliseFolder(String folder) {
        if (folder == null) {
            return "";
        }
        String f = folder;
        while (f.length() > 1 && f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Collects the fields as the front ends hold them (strings, booleans, integers) and validates them together.
     * Setters never throw; {@link #validate()} lists the problems, {@link #build()} throws them.
     */
    public static final class Builder {
        private String workspaceUrl;
        private WorkspaceAuth auth;
        private String jar;
        private String libraryName;
        private String folder;
        private String replaces;
        private boolean replaceOtherCopies;
        private List<String> clusters = List.of();
        private String restart;
        private Duration waitTimeout;
        private Integer keepVersions;
        private String smokeCommand;
        private String smokeCommandFile;
        private String smokeLanguage;
        private String smokeMainClass;
        private List<String> smokeParameters = List.of();
        private String smokeExpect;
        private Duration smokeTimeout;
        private boolean rollback = true;
        private boolean dryRun;
        private String buildId;
        private String api;
        private DatabricksApi apiChoice = DatabricksApi.AUTO;

        private Builder() {}

        public Builder workspaceUrl(String workspaceUrl) {
            this.workspaceUrl = workspaceUrl;
            return this;
        }

        public Builder auth(WorkspaceAuth auth) {
            this.auth = auth;
            return this;
        }

        public Builder jar(String jar) {
            this.jar = jar;
            return this;
        }

        public Builder libraryName(String template) {
            this.libraryName = template;
            return this;
        }

        public Builder folder(String folder) {
            this.folder = folder;
            return this;
        }

        /** A regular expression over library names in the folder; blank means the default. */
        public Builder replaces(String regex) {
            this.replaces = regex;
            return this;
        }

        /** Detach copies of the same artifact found outside the folder on a target; {@code null} means no. */
        public Builder replaceOtherCopies(Boolean replace) {
            this.replaceOtherCopies = Boolean.TRUE.equals(replace);
            return this;
        }

        public Builder clusters(List<String> idsOrNames) {
            this.clusters = idsOrNames == null ? List.of() : new ArrayList<>(idsOrNames);
            return this;
        }

        /** Ids and/or names separated by commas or new lines, as a form field holds them. */
        public Builder clusters(String idsOrNames) {
            this.clusters = idsOrNames == null ? List.of() : Arrays.asList(idsOrNames.split("[,\\n]"));
            return this;
        }

        public Builder restart(String policy) {
            this.restart = policy;
            return this;
        }

        public Builder restart(RestartPolicy policy) {
            this.restart = policy == null ? null : policy.name();
            return this;
        }

        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = timeout;
            return this;
        }

        public Builder waitTimeoutSeconds(Integer seconds) {
            this.waitTimeout = seconds == null ? null : Duration.ofSeconds(seconds);
            return this;
        }

        /** Old versions to keep besides the new one; {@code null} keeps all. */
        public Builder keepVersions(Integer keep) {
            this.keepVersions = keep;
            return this;
        }

        public Builder smokeCommand(String command) {
            this.smokeCommand = command;
            return this;
        }

        public Builder smokeCommandFile(String path) {
            this.smokeCommandFile = path;
            return this;
        }

        public Builder smokeLanguage(String language) {
            this.smokeLanguage = language;
            return this;
        }

        /** The fully qualified main class of the deployed jar to run as the smoke test, instead of a command. */
        public Builder smokeMainClass(String className) {
            this.smokeMainClass = className;
            return this;
        }

        /** The main class's arguments, in order. */
        public Builder smokeParameters(List<String> parameters) {
            this.smokeParameters = parameters == null
                    ? List.of()
                    : parameters.stream().filter(java.util.Objects::nonNull).toList();
            return this;
        }

        /** The main class's arguments as a form holds them: one per line; blank lines are skipped. */
        public Builder smokeParameters(String lines) {
            return smokeParameters(
                    lines == null
                            ? List.of()
                            : lines.lines().filter(l -> !l.isBlank()).toList());
        }

        public Builder smokeExpect(String regex) {
            this.smokeExpect = regex;
            return this;
        }

        public Builder smokeTimeout(Duration timeout) {
            this.smokeTimeout = timeout;
            return this;
        }

        public Builder smokeTimeoutSeconds(Integer seconds) {
            this.smokeTimeout = seconds == null ? null : Duration.ofSeconds(seconds);
            return this;
        }

        public Builder rollback(boolean rollback) {
            this.rollback = rollback;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** The value of {@code {build}} in the library name, e.g. {@code 42} or {@code my-job#42}. */
        public Builder buildId(String buildId) {
            this.buildId = buildId;
            return this;
        }

        /** {@code auto} (or blank), {@code 1.2} or {@code 2.x}: see {@link DatabricksApi#parse}. */
        public Builder api(String api) {
            this.api = api;
            return this;
        }

        public Builder api(DatabricksApi api) {
            this.api = api == null ? null : api.fieldValue();
            return this;
        }

        /** Every problem with the fields as given, in field order; empty when {@link #build()} would succeed. */
        public List<FieldError> validate() {
            List<FieldError> errors = new ArrayList<>();
            check(errors);
            return List.copyOf(errors);
        }

        public DeploySpec build() {
            List<FieldError> errors = new ArrayList<>();
            DeploySpec spec = check(errors);
            if (!errors.isEmpty()) {
                throw new InvalidDeploySpecException(errors);
            }
            return spec;
        }

        private DeploySpec check(List<FieldError> errors) {
            URI url = checkUrl(errors);
            if (auth != null && auth.isBlank()) {
                errors.add(new FieldError(
                        DeployField.CREDENTIALS,
                        "the token or password is empty — choose"
                                + " credentials that hold a Databricks personal access token"));
            }
            if (blankToNull(jar) == null) {
                errors.add(new FieldError(
                        DeployField.JAR,
                        "is empty — give the jar's path or an Ant glob relative"
                                + " to the workspace, e.g. target/*.jar or **/app-*.jar"));
            } else if (jar.trim().startsWith("/") || jar.contains("..")) {
                errors.add(new FieldError(
                        DeployField.JAR,
                        "'" + jar.trim() + "' must be relative to the workspace"
                                + " and stay inside it, e.g. target/app-*.jar"));
            }
            LibraryNameTemplate template = LibraryNameTemplate.parse(libraryName, blankToNull(buildId) != null, errors);
            String normalisedFolder = checkFolder(errors);
            Pattern replacesPattern = compile(DeployField.REPLACES, replaces, errors);
            List<String> clusterList = checkClusters(errors);
            RestartPolicy policy = DEFAULT_RESTART;
            if (blankToNull(restart) != null) {
                policy = RestartPolicy.parse(restart).orElse(null);
                if (policy == null) {
                    errors.add(new FieldError(
                            DeployField.RESTART,
                            "'" + restart.trim() + "' is not a restart policy — use NEVER, IF_RUNNING or ALWAYS"));
                }
            }
            if (waitTimeout != null && (waitTimeout.isNegative() || waitTimeout.isZero())) {
                errors.add(new FieldError(DeployField.WAIT_TIMEOUT, "must be positive, e.g. 1200 seconds"));
            }
            if (keepVersions != null && keepVersions < 0) {
                errors.add(new FieldError(
                        DeployField.KEEP_VERSIONS,
                        keepVersions + " is negative — give 0 or more"
                                + " old versions to keep, or leave it empty to delete none"));
            }
            SmokeSpec smoke = checkSmoke(errors);
            checkApi(errors);
            if (!errors.isEmpty()) {
                return null;
            }
            return new DeploySpec(this, url, template, normalisedFolder, replacesPattern, clusterList, policy, smoke);
        }

        private URI checkUrl(List<FieldError> errors) {
            String text = blankToNull(workspaceUrl);
            String example = " — give the workspace address, e.g. https://adb-1234567890123456.7.azuredatabricks.net";
            if (text == null) {
                errors.add(new FieldError(DeployField.WORKSPACE_URL, "is empty" + example));
                return null;
            }
            try {
                URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                    errors.add(new FieldError(
                            DeployField.WORKSPACE_URL,
                            "'" + WorkspaceUrl.masked(text) + "' is not an http(s) URL" + example));
                    return null;
                }
                if (scheme.equals("http")
                        && uri.getRawUserInfo() == null
                        && !(WorkspaceUrl.plainHttpAllowed() && WorkspaceUrl.isLoopback(uri.getHost()))) {
                    // The client refuses it too; saying so here lets the form and pre-flight catch it first.
                    errors.add(new FieldError(
                            DeployField.WORKSPACE_URL,
                            "'" + WorkspaceUrl.masked(text)
                                    + "' uses plain http, which would send the credentials unencrypted — use https://"
                                    + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                                    + " (plain http is only for test servers and the demo, with -D"
                                    + WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY + "=true, and only to loopback)"));
                    return null;
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    errors.add(new FieldError(
                            DeployField.WORKSPACE_URL,
                            "must not carry a query, fragment or user info (put credentials in credentials)"
                                    + example));
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                errors.add(new FieldError(
                        DeployField.WORKSPACE_URL,
                        "'" + WorkspaceUrl.masked(text) + "' is not a URL (" + e.getReason() + ")" + example));
                return null;
            }
        }

        private String checkFolder(List<FieldError> errors) {
            if (blankToNull(folder) == null) {
                return DEFAULT_FOLDER;
            }
            String text = normaliseFolder(folder.trim());
            if (!text.startsWith("/") || text.contains("//") || text.contains("/../") || text.endsWith("/..")) {
                errors.add(new FieldError(
                        DeployField.FOLDER,
                        "'" + folder.trim() + "' is not an absolute workspace folder — it must start with /, e.g. "
                                + DEFAULT_FOLDER + " or /Users/me@example.com/libs"));
            }
            return text;
        }

        private void checkApi(List<FieldError> errors) {
            apiChoice = DatabricksApi.AUTO;
            if (blankToNull(api) != null) {
                apiChoice = DatabricksApi.parse(api).orElse(null);
                if (apiChoice == null) {
                    errors.add(new FieldError(
                            DeployField.API,
                            "'" + api.trim() + "' is not a Databricks API — use auto (a /Volumes/ folder means 2.x,"
                                    + " any other folder 1.2), 1.2 or 2.x"));
                    apiChoice = DatabricksApi.AUTO;
                }
            }
        }

        private List<String> checkClusters(List<FieldError> errors) {
            LinkedHashSet<String> entries = new LinkedHashSet<>();
            for (String entry : clusters) {
                if (entry != null && !entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
            if (entries.isEmpty()) {
                errors.add(new FieldError(
                        DeployField.CLUSTERS,
                        "is empty — give cluster ids and/or names, or " + ALL_CLUSTERS + " for every cluster"));
            } else if (entries.contains(ALL_CLUSTERS) && entries.size() > 1) {
                errors.add(new FieldError(
                        DeployField.CLUSTERS,
                        ALL_CLUSTERS + " already means every cluster —"
                                + " give it alone, or list clusters without it"));
            }
            return List.copyOf(entries);
        }

        private SmokeSpec checkSmoke(List<FieldError> errors) {
            String command = smokeCommand == null || smokeCommand.isBlank() ? null : smokeCommand;
            String file = blankToNull(smokeCommandFile);
            String mainClass = blankToNull(smokeMainClass);
            if (command != null && file != null) {
                errors.add(new FieldError(
                        DeployField.SMOKE_COMMAND, "give either smokeCommand or smokeCommandFile, not both"));
            }
            if (mainClass != null && (command != null || file != null)) {
                String other = command != null ? "smokeCommand" : "smokeCommandFile";
                errors.add(new FieldError(
                        DeployField.SMOKE_MAIN_CLASS,
                        "and " + other + " are both given, but a deploy runs one smoke test — keep smokeMainClass to"
                                + " run the jar's main class as a job run, or " + other
                                + " to run a command in an execution context"));
            }
            if (mainClass != null && !JAVA_CLASS_NAME.matcher(mainClass.strip()).matches()) {
                errors.add(new FieldError(
                        DeployField.SMOKE_MAIN_CLASS,
                        "'" + mainClass.strip() + "' is not a class name — give the fully qualified name of a class"
                                + " with a main method in the deployed jar, e.g. com.example.SmokeTest"));
            }
            if (mainClass == null && !smokeParameters.isEmpty()) {
                errors.add(new FieldError(
                        DeployField.SMOKE_PARAMETERS,
                        "are the arguments of a smokeMainClass — give the main class too, or leave them out"));
            }
            SmokeLanguage language = SmokeLanguage.SCALA;
            if (blankToNull(smokeLanguage) != null) {
                language = SmokeLanguage.parse(smokeLanguage).orElse(null);
                if (language == null) {
                    errors.add(new FieldError(
                            DeployField.SMOKE_LANGUAGE,
                            "'" + smokeLanguage.trim() + "' is not a language — use scala, python, sql or r"));
                }
            }
            Pattern expect = compile(DeployField.SMOKE_EXPECT, smokeExpect, errors);
            if (smokeTimeout != null && (smokeTimeout.isNegative() || smokeTimeout.isZero())) {
                errors.add(new FieldError(DeployField.SMOKE_TIMEOUT, "must be positive, e.g. 600 seconds"));
            }
            if (command == null && file == null && mainClass == null) {
                if (expect != null) {
                    errors.add(new FieldError(
                            DeployField.SMOKE_EXPECT,
                            "needs a smokeCommand, smokeCommandFile or smokeMainClass whose output it checks"));
                }
                return null;
            }
            if (file != null && (file.startsWith("/") || file.contains(".."))) {
                errors.add(new FieldError(
                        DeployField.SMOKE_COMMAND_FILE,
                        "'" + file + "' must be relative to the workspace and stay inside it"));
            }
            if (language == null || !errors.isEmpty()) {
                return null;
            }
            Duration timeout = smokeTimeout == null ? DEFAULT_SMOKE_TIMEOUT : smokeTimeout;
            if (mainClass != null) {
                return SmokeSpec.mainClass(mainClass.strip(), smokeParameters, expect, timeout);
            }
            return new SmokeSpec(language, command, file, expect, timeout);
        }

        private static Pattern compile(DeployField field, String regex, List<FieldError> errors) {
            if (regex == null || regex.isBlank()) {
                return null;
            }
            try {
                return Pattern.compile(regex.trim());
            } catch (PatternSyntaxException e) {
                errors.add(new FieldError(
                        field,
                        "'" + regex.trim() + "' is not a valid regular expression (" + e.getDescription()
                                + " near index " + e.getIndex() + ")"));
                return null;
            }
        }
    }
}
