package io.jenkins.plugins.databricks.deploy.rest2;

import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.rest2.ArtifactAllowlist;
import io.jenkins.plugins.databricks.api.rest2.ClusterDetails;
import io.jenkins.plugins.databricks.api.rest2.ClusterSource;
import io.jenkins.plugins.databricks.api.rest2.CurrentUser;
import io.jenkins.plugins.databricks.api.rest2.DataSecurityMode;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.deploy.DeployField;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.FieldError;
import io.jenkins.plugins.databricks.deploy.GatewayException;
import io.jenkins.plugins.databricks.deploy.PreflightFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The REST 2.x checks that read the workspace before anything changes: the volume exists and the identity may write
 * to it; standard-mode targets can install the jar's path (the allowlist); a dedicated-mode target that runs the
 * smoke command belongs to the identity; no target is a job cluster or without isolation. Every refusal names the
 * field, what is wrong and who must do what.
 */
final class Rest2Preflight {

    private static final Pattern RUNTIME = Pattern.compile("^(\\d+)\\.(\\d+)");

    private final Rest2Client client;
    private final Map<String, ClusterDetails> seen;
    private final List<FieldError> refusals = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private CurrentUser identity;
    private boolean identityRead;

    Rest2Preflight(Rest2Client client, Map<String, ClusterDetails> seen) {
        this.client = client;
        this.seen = seen;
    }

    PreflightFindings review(DeploySpec spec, String libraryPath, List<TargetCluster> targets)
            throws GatewayException, InterruptedException {
        VolumeFolder folder = VolumeFolder.parse(spec.folder())
                .orElseThrow(() -> new IllegalStateException("check(spec) lets only volume folders through"));
        checkVolume(spec, folder);
        List<TargetCluster> standard = new ArrayList<>();
        for (TargetCluster t : targets) {
            ClusterDetails d = details(t.cluster().id());
            String label = t.cluster().label();
            if (d.clusterSource() == ClusterSource.JOB) {
                refusals.add(new FieldError(
                        DeployField.CLUSTERS,
                        label + " is a job cluster (cluster_source JOB): it lives for one job run and takes its"
                                + " libraries from the job — give an all-purpose cluster, or put the jar in the job's"
                                + " libraries"));
                continue;
            }
            DataSecurityMode mode = d.dataSecurityMode();
            if (mode.isStandard()) {
                standard.add(t);
                checkRuntime(label, d);
            } else if (mode.isDedicated() && spec.smoke().isPresent() && !t.queued()) {
                checkSingleUser(label, d);
            } else if (mode == DataSecurityMode.NONE) {
                refusals.add(new FieldError(
                        DeployField.CLUSTERS,
                        label + " has no isolation (access mode NONE), and such clusters cannot read Unity Catalog"
                                + " volumes — switch it to standard or dedicated access mode, or leave it out"));
            }
        }
        if (!standard.isEmpty()) {
            checkAllowlist(folder, libraryPath, standard);
        }
        return new PreflightFindings(refusals, warnings);
    }

    /** HEAD on the volume's root tells a missing volume; creating the folder (idempotent) tells write access. */
    private void checkVolume(DeploySpec spec, VolumeFolder folder) throws GatewayException, InterruptedException {
        try {
            if (!Rest2Gateway.call(() -> client.directoryExists(folder.root()))) {
                refusals.add(new FieldError(
                        DeployField.FOLDER,
                        "the volume " + folder.fullName() + " (" + folder.root() + ") does not exist, or " + who()
                                + " may not see it — create it (CREATE VOLUME " + folder.fullName() + ") or ask its"
                                + " owner for USE CATALOG, USE SCHEMA, READ VOLUME and WRITE VOLUME"));
                return;
            }
        } catch (GatewayException e) {
            if (!Rest2Gateway.kindOf(e).is(ErrorKind.PERMISSION_DENIED)) {
                throw e;
            }
            refusals.add(new FieldError(DeployField.FOLDER, unreadableMessage(folder)));
            return;
        }
        if (spec.dryRun()) {
            // a dry run sends no write request, not even one that changes nothing; nor does it read who it runs as
            // just for this note
            warnings.add("a dry run does not check whether " + whoIfKnown() + " may write to the volume "
                    + folder.fullName() + " (WRITE VOLUME); the deploy checks it before anything changes");
            return;
        }
        try {
            // mkdir -p: nothing changes for a folder that exists, and the upload needs a missing one created anyway.
            Rest2Gateway.call(() -> {
                client.createDirectory(folder.folder());
                return null;
            });
        } catch (GatewayException e) {
            if (!Rest2Gateway.kindOf(e).is(ErrorKind.PERMISSION_DENIED)) {
                throw e;
            }
            refusals.add(new FieldError(
                    DeployField.FOLDER,
                    who() + " may read the volume " + folder.fullName() + " but not write to it — a deploy needs USE"
                            + " CATALOG, USE SCHEMA, READ VOLUME and WRITE VOLUME; an admin can run: "
                            + folder.writeGrants(principal())));
        }
    }

    /** The refusal for a volume the identity may not read, with the field first. */
    String unreadable(VolumeFolder folder) throws InterruptedException {
        return new FieldError(DeployField.FOLDER, unreadableMessage(folder)).toString();
    }

    private String unreadableMessage(VolumeFolder folder) throws InterruptedException {
        return who() + " may not read the volume " + folder.fullName() + " — a deploy needs USE CATALOG, USE SCHEMA,"
                + " READ VOLUME and WRITE VOLUME; an admin can run: " + folder.writeGrants(principal());
    }

    /**
     * A standard-mode cluster installs only jars whose path an allowlist entry prefixes. The entry to ask for ends
     * with a slash, so that it covers this folder and not its siblings ({@code jars/} does not match {@code jars-old}).
     */
    private void checkAllowlist(VolumeFolder folder, String libraryPath, List<TargetCluster> standard)
            throws GatewayException, InterruptedException {
        String clusters = standard.stream().map(t -> t.cluster().label()).collect(Collectors.joining(", "));
        String prefix = folder.folder() + "/";
        ArtifactAllowlist allowlist;
        try {
            allowlist = Rest2Gateway.call(client::jarAllowlist);
        } catch (GatewayException e) {
            if (!Rest2Gateway.kindOf(e).is(ErrorKind.PERMISSION_DENIED)) {
                throw e;
            }
            warnings.add(who() + " may not read the Unity Catalog jar allowlist (that takes a metastore admin or"
                    + " MANAGE ALLOWLIST), so it was not checked. " + clusters + " use standard access mode and"
                    + " install only allowlisted jars: a metastore admin must allow the prefix " + prefix
                    + " (Catalog Explorer > Metastore > Allowed JARs/Init Scripts), or the install ends FAILED and"
                    + " the deploy rolls back");
            return;
        }
        if (allowlist.allows(libraryPath)) {
            return;
        }
        String allowed = allowlist.matchers().isEmpty()
                ? "the list is empty"
                : "it allows "
                        + allowlist.matchers().stream()
                                .map(ArtifactAllowlist.ArtifactMatcher::artifact)
                                .collect(Collectors.joining(", "));
        refusals.add(new FieldError(
                DeployField.FOLDER,
                libraryPath + " is not on the Unity Catalog jar allowlist (" + allowed + "), and " + clusters
                        + " use standard access mode, which installs only allowlisted jars — ask a metastore admin"
                        + " (or a holder of MANAGE ALLOWLIST) to add the prefix " + prefix + " (Catalog Explorer >"
                        + " Metastore > Allowed JARs/Init Scripts), or deploy from a folder already allowed"));
    }

    /** Scala on standard access mode needs DBR 13.3 LTS or later; older runtimes do not take the allowlisted jar. */
    private void checkRuntime(String label, ClusterDetails d) {
        Matcher m = d.sparkVersion() == null ? null : RUNTIME.matcher(d.sparkVersion());
        if (m != null && m.find()) {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            if (major < 13 || (major == 13 && minor < 3)) {
                warnings.add(label + " runs " + d.sparkVersion() + " in standard access mode, where jars need"
                        + " Databricks Runtime 13.3 LTS or later — upgrade its runtime if the install fails");
            }
        }
    }

    /** Only the assigned principal may run commands on a dedicated cluster. */
    private void checkSingleUser(String label, ClusterDetails d) throws GatewayException, InterruptedException {
        String owner = d.singleUserName();
        if (owner == null || owner.isBlank()) {
            return;
        }
        CurrentUser me = identity();
        if (me == null) {
            warnings.add(label + " is a dedicated cluster assigned to " + owner + "; who this deploy runs as could not"
                    + " be read, so the smoke command may be refused there unless it is " + owner);
            return;
        }
        if (!owner.equalsIgnoreCase(me.principal())) {
            refusals.add(new FieldError(
                    DeployField.SMOKE_COMMAND,
                    label + " is a dedicated (single user) cluster assigned to " + owner + ", and this deploy runs as "
                            + me.principal() + ", so Databricks would refuse the smoke command there — assign the"
                            + " cluster to " + me.principal() + " (or a group it is in), deploy with " + owner
                            + "'s credentials, or leave that cluster or " + DeployField.SMOKE_COMMAND + " out"));
        }
    }

    private ClusterDetails details(String clusterId) throws GatewayException, InterruptedException {
        ClusterDetails d = seen.get(clusterId);
        if (d == null) {
            d = Rest2Gateway.call(() -> client.getCluster(clusterId));
            seen.put(clusterId, d);
        }
        return d;
    }

    /**
     * Who the deploy runs as, or {@code null} when SCIM does not say (the checks then warn instead of refusing). Read
     * at most once per deploy, and only when a dedicated-mode target will run the smoke command or a message is about
     * to name the identity: a deploy that passes every check never reads it.
     */
    private CurrentUser identity() throws InterruptedException {
        if (!identityRead) {
            identityRead = true;
            try {
                identity = Rest2Gateway.call(client::currentUser);
            } catch (GatewayException e) {
                identity = null;
            }
        }
        return identity;
    }

    private String who() throws InterruptedException {
        CurrentUser me = identity();
        return me == null ? "the deploy's identity" : me.principal();
    }

    /** The identity's name if it has been read already, without reading it. */
    private String whoIfKnown() {
        return identity == null ? "the deploy's identity" : identity.principal();
    }

    private String principal() throws InterruptedException {
        CurrentUser me = identity();
        return me == null ? "<the deploy's user or service principal>" : me.principal();
    }
}
