package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A cluster library as Libraries API 2.0 names it: exactly one of the fields is set. A deploy installs {@link #jar}s;
 * the other kinds are read so that a cluster's full status list parses, whatever else is installed on it. There is no
 * library id: a library is its reference, and an uninstall must name it exactly as it was installed.
 *
 * @param jar {@code /Volumes/...}, {@code /Workspace/...}, {@code s3://...}, {@code abfss://...}, {@code dbfs:/...}
 * @param whl a Python wheel
 * @param egg a Python egg (unsupported on DBR 14+)
 * @param requirements a requirements file
 * @param maven Maven coordinates
 * @param pypi a PyPI package
 * @param cran a CRAN package
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Library(
        @JsonProperty("jar") String jar,
        @JsonProperty("whl") String whl,
        @JsonProperty("egg") String egg,
        @JsonProperty("requirements") String requirements,
        @JsonProperty("maven") Maven maven,
        @JsonProperty("pypi") PackageRef pypi,
        @JsonProperty("cran") PackageRef cran) {

    /** A jar at {@code path}. */
    public static Library jar(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(
                    "The jar path is empty: pass e.g. /Volumes/<catalog>/<schema>/<volume>/app.jar.");
        }
        return new Library(path.strip(), null, null, null, null, null, null);
    }

    /**
     * The library as the SDKs compare libraries, e.g. {@code jar:/Volumes/c/s/v/app.jar} or
     * {@code maven:g:a:v}: what a log names it by.
     */
    public String describe() {
        if (jar != null) {
            return "jar:" + jar;
        }
        if (whl != null) {
            return "whl:" + whl;
        }
        if (egg != null) {
            return "egg:" + egg;
        }
        if (requirements != null) {
            return "requirements:" + requirements;
        }
        if (maven != null) {
            return "maven:" + maven.coordinates();
        }
        if (pypi != null) {
            return "pypi:" + pypi.packageName();
        }
        if (cran != null) {
            return "cran:" + cran.packageName();
        }
        return "unknown library";
    }

    /** Maven coordinates {@code group:artifact:version}, an optional repository and exclusions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Maven(
            @JsonProperty("coordinates") String coordinates,
            @JsonProperty("repo") String repo,
            @JsonProperty("exclusions") List<String> exclusions) {}

    /** A PyPI or CRAN package and an optional repository. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PackageRef(
            @JsonProperty("package") String packageName,
            @JsonProperty("repo") String repo) {}
}
