package io.jenkins.plugins.databricks.deploy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.Function;

/**
 * A call from a gateway to its Databricks client, in the engine's terms: the client's {@link IOException} becomes a
 * {@link GatewayException}, and a thread interrupted during the call stays an interrupt. The one translation every
 * gateway (REST 1.2, REST 2.x, Jobs runs) makes.
 */
public final class ClientCall {

    /** A client call. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private ClientCall() {}

    public static <T> T call(Call<T> call) throws GatewayException, InterruptedException {
        return call(call, e -> "");
    }

    /** As {@link #call(Call)}, with {@code hint} appended to a failure's message (e.g. the way out of a retired API). */
    public static <T> T call(Call<T> call, Function<IOException, String> hint)
            throws GatewayException, InterruptedException {
        try {
            return call.run();
        } catch (InterruptedIOException e) {
            // Timeouts are InterruptedIOExceptions too; only an interrupted thread means an abort.
            if (!Thread.interrupted() && e.getClass() != InterruptedIOException.class) {
                throw new GatewayException(e.getMessage(), e);
            }
            InterruptedException interrupted = new InterruptedException(e.getMessage());
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            throw new GatewayException(e.getMessage() + hint.apply(e), e);
        }
    }
}
