// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/EnvVars.java
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String expand(String s) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
