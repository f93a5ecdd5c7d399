// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/util/Secret.java
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() {}

    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
