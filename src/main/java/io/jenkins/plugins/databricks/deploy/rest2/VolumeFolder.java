package io.jenkins.plugins.databricks.deploy.rest2;

import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import java.util.Optional;

/**
 * A deploy folder in a Unity Catalog volume: {@code /Volumes/<catalog>/<schema>/<volume>} and an optional directory
 * below it. The volume's root is what tells "no such volume" from "no such directory yet".
 *
 * @param folder the whole folder, without a trailing slash
 * @param catalog the catalog, for the privileges an error names
 * @param schema the schema
 * @param volume the volume's own name
 */
record VolumeFolder(String folder, String catalog, String schema, String volume) {

    /** Empty unless the folder is a volume or a directory in one. */
    static Optional<VolumeFolder> parse(String folder) {
        if (!DatabricksApi.isVolumeFolder(folder)) {
            return Optional.empty();
        }
        String[] parts = folder.substring(DatabricksApi.VOLUMES_ROOT.length()).split("/", -1);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VolumeFolder(folder, parts[0], parts[1], parts[2]));
    }

    /** {@code /Volumes/main/ci/jars}. */
    String root() {
        return DatabricksApi.VOLUMES_ROOT + catalog + "/" + schema + "/" + volume;
    }

    /** {@code main.ci.jars}, as SQL grants name it. */
    String fullName() {
        return catalog + "." + schema + "." + volume;
    }

    /** The grants a deploy needs to write here, as SQL an admin can run. */
    String writeGrants(String principal) {
        String who = "`" + principal + "`";
        return "GRANT USE CATALOG ON CATALOG " + catalog + " TO " + who + "; GRANT USE SCHEMA ON SCHEMA " + catalog
                + "." + schema + " TO " + who + "; GRANT READ VOLUME, WRITE VOLUME ON VOLUME " + fullName() + " TO "
                + who;
    }
}
