package io.stratum;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/** Test doubles around JDBC: a data source whose connections let a test watch, or act before, each call. */
public final class JdbcProxies {

    private JdbcProxies() {
    }

    /** One intercepted call: what it is, and how to make the real one. */
    @FunctionalInterface
    public interface Interceptor {
        Object call(Method method, Object[] args, Proceed proceed) throws Throwable;
    }

    @FunctionalInterface
    public interface Proceed {
        Object call() throws Throwable;
    }

    /** {@code real}, whose connections pass every call through {@code onConnection}. */
    public static DataSource dataSource(DataSource real, Interceptor onConnection) {
        return proxy(DataSource.class, real, (method, args, proceed) -> {
            Object result = proceed.call();
            return result instanceof Connection c ? proxy(Connection.class, c, onConnection) : result;
        });
    }

    /** {@code target} behind {@code interceptor}. */
    @SuppressWarnings("unchecked")
    public static <T> T proxy(Class<T> type, T target, Interceptor interceptor) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> interceptor.call(method, args, () -> {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
