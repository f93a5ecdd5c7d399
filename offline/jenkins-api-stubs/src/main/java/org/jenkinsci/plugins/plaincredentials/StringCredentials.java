// Read from jenkinsci/plain-credentials-plugin @ 19caf8fbf4ad : src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java (the @NameWith annotation left out)
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
