// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/FilePath.java (implements SerializableOnlyOverRemoting left out)
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.OpenOption;

public final class FilePath {
    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public interface FileCallable<T> extends Serializable {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public long length() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public FilePath[] list(final String includes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public InputStream read(FilePath rootPath, OpenOption... openOptions) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static InputStream newInputStreamDenyingSymlinkAsNeeded(
            File file, String verificationRoot, OpenOption... openOptions) throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
