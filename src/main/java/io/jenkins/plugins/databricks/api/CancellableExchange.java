package io.jenkins.plugins.databricks.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Makes a blocking HTTP exchange stop when the calling thread is interrupted. HttpClient 5 classic reads from a
 * blocking socket, which ignores {@link Thread#interrupt()}: an abort would wait for the answer or the response
 * timeout (a minute by default). So the exchange runs on a pool thread while the caller waits interruptibly; an
 * interrupt cancels the request, which closes its connection, and the caller gets a {@link Cancelled} at once with its
 * interrupt flag set again.
 */
final class CancellableExchange {

    /** The calling thread was interrupted during the exchange; the request was cancelled (never retried). */
    static final class Cancelled extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Cancelled(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface Exchange<T> {
        T run() throws IOException;
    }

    /** How long a cancelled exchange may take to notice that its connection is gone, before the caller leaves. */
    private static final long CANCEL_GRACE_MILLIS = 2000;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "databricks-http #" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private CancellableExchange() {}

    static <T> T run(String what, Cancellable request, Exchange<T> exchange) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new Cancelled(what + " not sent: the thread was interrupted");
        }
        Future<T> inFlight = POOL.submit(exchange::run);
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            request.cancel();
            awaitQuietly(inFlight);
            Thread.currentThread().interrupt();
            throw new Cancelled(what + " cancelled: the thread was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** Lets the cancelled exchange hand its connection back before the caller goes on (bounded). */
    private static void awaitQuietly(Future<?> inFlight) {
        try {
            inFlight.get(CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the exchange failed because we cancelled it: expected
        }
    }
}
