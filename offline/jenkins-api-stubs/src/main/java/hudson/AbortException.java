// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/AbortException.java
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
