package io.jenkins.plugins.databricks.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Wraps the real gateway (real HTTP underneath) to act at one exact moment of a deploy: interrupt the deploy thread
 * after an operation, or let another party act before it.
 */
final class GatewayHooks {

    private GatewayHooks() {}

    /** Interrupts the calling thread right after the {@code n}-th call of {@code method} returns. */
    static DatabricksGateway interruptAfter(DatabricksGateway real, String method, int n) {
        int[] seen = {0};
        return around(real, method, () -> {}, () -> {
            if (++seen[0] == n) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * The real gateway, except that {@code method} answers {@code value}: a backend that differs from REST 1.2 in one
     * capability (e.g. no install for all clusters, as on REST 2.x).
     */
    static DatabricksGateway answering(DatabricksGateway real, String method, Object value) {
        return (DatabricksGateway) Proxy.newProxyInstance(
                DatabricksGateway.class.getClassLoader(), new Class<?>[] {DatabricksGateway.class}, (p, m, args) -> {
                    if (m.getName().equals(method)) {
                        return value;
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The real gateway, with each answer of {@code method} passed through {@code change}. */
    static DatabricksGateway changing(
            DatabricksGateway real, String method, java.util.function.UnaryOperator<Object> change) {
        return (DatabricksGateway) Proxy.newProxyInstance(
                DatabricksGateway.class.getClassLoader(), new Class<?>[] {DatabricksGateway.class}, (p, m, args) -> {
                    Object result;
                    try {
                        result = m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return m.getName().equals(method) ? change.apply(result) : result;
                });
    }

    static DatabricksGateway before(DatabricksGateway real, String method, Runnable action) {
        return around(real, method, action, () -> {});
    }

    private static DatabricksGateway around(DatabricksGateway real, String method, Runnable before, Runnable after) {
        return (DatabricksGateway) Proxy.newProxyInstance(
                DatabricksGateway.class.getClassLoader(), new Class<?>[] {DatabricksGateway.class}, (p, m, args) -> {
                    boolean hit = m.getName().equals(method);
                    if (hit) {
                        before.run();
                    }
                    Object result;
                    try {
                        result = m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (hit) {
                        after.run();
                    }
                    return result;
                });
    }
}
