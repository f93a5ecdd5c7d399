// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/ProxyConfiguration.java (implements Describable, Saveable, Serializable left out)
package hudson;

import hudson.util.Secret;
import java.util.List;
import java.util.regex.Pattern;

public final class ProxyConfiguration {
    public String getUserName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public int getPort() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public List<Pattern> getNoProxyHostPatterns() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
