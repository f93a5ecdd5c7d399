package io.jenkins.plugins.databricks;

/**
 * The deploy fields as a form check sees them: text, with the few others a field depends on. Builds the
 * {@link DeployRequest} whose engine validation the check reports. Free of Jenkins.
 */
final class FormFields {

    private String jar;
    private String libraryName;
    private String folder;
    private String replaces;
    private String clusters;
    private Integer waitTimeoutSeconds;
    private Integer keepVersions;
    private String smokeCommand;
    private String smokeCommandFile;
    private String smokeMainClass;
    private String smokeParameters;
    private String smokeExpect;
    private Integer smokeTimeoutSeconds;
    private String api;

    FormFields jar(String value) {
        this.jar = value;
        return this;
    }

    FormFields libraryName(String value) {
        this.libraryName = value;
        return this;
    }

    FormFields folder(String value) {
        this.folder = value;
        return this;
    }

    FormFields replaces(String value) {
        this.replaces = value;
        return this;
    }

    FormFields clusters(String value) {
        this.clusters = value;
        return this;
    }

    FormFields waitTimeoutSeconds(String value) {
        this.waitTimeoutSeconds = parse(value);
        return this;
    }

    FormFields keepVersions(String value) {
        this.keepVersions = parse(value);
        return this;
    }

    FormFields smokeCommand(String value) {
        this.smokeCommand = value;
        return this;
    }

    FormFields smokeCommandFile(String value) {
        this.smokeCommandFile = value;
        return this;
    }

    FormFields smokeMainClass(String value) {
        this.smokeMainClass = value;
        return this;
    }

    FormFields smokeParameters(String value) {
        this.smokeParameters = value;
        return this;
    }

    FormFields smokeExpect(String value) {
        this.smokeExpect = value;
        return this;
    }

    FormFields smokeTimeoutSeconds(String value) {
        this.smokeTimeoutSeconds = parse(value);
        return this;
    }

    FormFields api(String value) {
        this.api = value;
        return this;
    }

    DeployRequest build() {
        return new DeployRequest(
                null,
                null,
                null,
                jar,
                libraryName,
                folder,
                replaces,
                false,
                clusters,
                null,
                waitTimeoutSeconds,
                keepVersions,
                smokeCommand,
                smokeCommandFile,
                smokeMainClass,
                smokeParameters,
                null,
                smokeExpect,
                smokeTimeoutSeconds,
                true,
                false,
                api,
                null,
                null);
    }

    /** @return why a number field's text is not a whole number, or {@code null} (blank is fine: the default) */
    static String numberProblem(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Integer.parseInt(value.trim());
            return null;
        } catch (NumberFormatException e) {
            return Messages.FormFields_NotANumber(value.trim());
        }
    }

    private static Integer parse(String value) {
        return numberProblem(value) != null || value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    }
}
