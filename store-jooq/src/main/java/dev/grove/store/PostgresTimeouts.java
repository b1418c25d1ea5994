package dev.grove.store;

import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How long a PostgreSQL store waits before giving up, so that a server which accepts connections
 * but never answers (a hung server, a proxy or firewall that swallows traffic, another service on
 * the port) fails a command with a message instead of hanging it. The first three are the JDBC
 * driver's own URL parameters ({@code connectTimeout}, {@code loginTimeout}, {@code socketTimeout},
 * in seconds): a value given in the URL wins over the default here.
 *
 * @param connectSeconds   to open the TCP connection
 * @param loginSeconds     to open the connection and log in
 * @param socketSeconds    for any single read from the server (also bounds a hung migration)
 * @param statementSeconds for one of the store's statements to finish (e.g. waiting for a lock)
 */
record PostgresTimeouts(int connectSeconds, int loginSeconds, int socketSeconds, int statementSeconds) {

    static final PostgresTimeouts DEFAULTS = new PostgresTimeouts(10, 10, 60, 30);

    /** These timeouts with the driver's three replaced by what the URL says, where it says it. */
    PostgresTimeouts withUrl(String jdbcUrl) {
        Properties given = Driver.parseURL(jdbcUrl, new Properties());
        if (given == null) {
            return this;
        }
        return new PostgresTimeouts(seconds(given, "connectTimeout", connectSeconds),
                seconds(given, "loginTimeout", loginSeconds), seconds(given, "socketTimeout", socketSeconds),
                statementSeconds);
    }

    private static int seconds(Properties given, String key, int otherwise) {
        String v = given.getProperty(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return otherwise; // the driver reports a malformed value itself
        }
    }

    void applyTo(PGSimpleDataSource dataSource) {
        dataSource.setConnectTimeout(connectSeconds);
        dataSource.setSocketTimeout(socketSeconds);
        dataSource.setLoginTimeout(loginSeconds);
    }
}
