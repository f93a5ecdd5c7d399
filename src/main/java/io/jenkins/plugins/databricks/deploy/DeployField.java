package io.jenkins.plugins.databricks.deploy;

/**
 * The user-facing names of the deploy fields. Validation messages start with them, and the Jenkins front ends use
 * the same names for their parameters, so an error names the field exactly as the user typed it.
 */
public enum DeployField {
    WORKSPACE_URL("workspaceUrl"),
    CREDENTIALS("credentials"),
    JAR("jar"),
    LIBRARY_NAME("libraryName"),
    FOLDER("folder"),
    REPLACES("replaces"),
    REPLACE_OTHER_COPIES("replaceOtherCopies"),
    CLUSTERS("clusters"),
    RESTART("restart"),
    WAIT_TIMEOUT("waitTimeout"),
    KEEP_VERSIONS("keepVersions"),
    SMOKE_COMMAND("smokeCommand"),
    SMOKE_COMMAND_FILE("smokeCommandFile"),
    SMOKE_LANGUAGE("smokeLanguage"),
    SMOKE_MAIN_CLASS("smokeMainClass"),
    SMOKE_PARAMETERS("smokeParameters"),
    SMOKE_EXPECT("smokeExpect"),
    SMOKE_TIMEOUT("smokeTimeout"),
    ROLLBACK("rollback"),
    DRY_RUN("dryRun"),
    API("api");

    private final String fieldName;

    DeployField(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The name as the user types it in a Pipeline script or sees it in a form. */
    public String fieldName() {
        return fieldName;
    }

    @Override
    public String toString() {
        return fieldName;
    }
}
