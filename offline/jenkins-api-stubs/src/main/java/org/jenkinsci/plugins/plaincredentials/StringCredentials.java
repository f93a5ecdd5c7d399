// Read from jenkinsci/plain-credentials-plugin @ 199.v9f8e1f741799 (bom-2.555.x 6916.v15ec97679743) : src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java (the @NameWith annotation left out)
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
