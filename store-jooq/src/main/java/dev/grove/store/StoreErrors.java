package dev.grove.store;

import java.net.SocketTimeoutException;
import java.sql.SQLException;

/** Why a database call failed, as one line for a message "cannot … in run store …: WHY". */
final class StoreErrors {
    /** PostgreSQL's query_canceled: here, the statement timeout fired. */
    private static final String QUERY_CANCELED = "57014";

    private StoreErrors() {
    }

    /** The reason a connection could not be opened, with what to check. */
    static String connectFailure(Throwable e, PostgresTimeouts timeouts) {
        if (find(e, SocketTimeoutException.class) != null || loginTimedOut(e)) {
            int waited = Math.min(timeouts.loginSeconds(), timeouts.socketSeconds());
            return "no answer within " + waited + " s; check that host and port are those of a running PostgreSQL "
                    + "server: something accepted the connection but never answered (a hung server, a proxy or "
                    + "firewall, another service on that port); raise loginTimeout/socketTimeout (seconds) in the "
                    + "URL if the server is just slow";
        }
        return why(e, timeouts) + "; check that the server is running and the URL, user and password are right";
    }

    /** The reason any other call failed. */
    static String why(Throwable e, PostgresTimeouts timeouts) {
        if (timeouts != null && find(e, SocketTimeoutException.class) != null) {
            return "the server sent nothing for " + timeouts.socketSeconds() + " s (socketTimeout); check that it is "
                    + "up and reachable, or raise socketTimeout (seconds) in the URL";
        }
        SQLException sql = find(e, SQLException.class);
        if (timeouts != null && sql != null && QUERY_CANCELED.equals(sql.getSQLState())) {
            return "the statement did not finish within " + timeouts.statementSeconds() + " s; another session may "
                    + "hold a lock on the store's tables (look for it in pg_stat_activity), or the server is overloaded";
        }
        return oneLine(sql != null ? sql.getMessage() : e.getMessage());
    }

    private static boolean loginTimedOut(Throwable e) {
        SQLException sql = find(e, SQLException.class);
        return sql != null && "08001".equals(sql.getSQLState()) && String.valueOf(sql.getMessage()).contains("timed out");
    }

    static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
