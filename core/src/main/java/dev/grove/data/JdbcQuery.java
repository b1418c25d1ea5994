package dev.grove.data;

import dev.grove.InvalidDataException;
import dev.grove.internal.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training rows from a SQL query, read in one streaming pass (forward only, {@value #FETCH_SIZE}
 * rows per round trip, inside a read-only transaction so PostgreSQL uses a cursor rather than
 * loading the whole result). The URL is only ever shown and recorded without its credentials.
 */
final class JdbcQuery {
    static final int FETCH_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcQuery.class);
    private static final Pattern ORDER_BY = Pattern.compile("(?is).*\\border\\s+by\\b.*");

    private final String url;
    private final DataSource dataSource;
    private final String sql;
    private final Optional<String> label;

    /** @param url a JDBC URL, possibly with credentials (used to connect, never shown); null with a data source */
    JdbcQuery(String url, DataSource dataSource, String sql, Optional<String> label) {
        this.url = url;
        this.dataSource = dataSource;
        this.sql = Objects.requireNonNull(sql, "sql").strip();
        this.label = Objects.requireNonNull(label, "label");
        if (this.sql.isEmpty()) {
            throw new dev.grove.InvalidRequestException("the query is empty; give a SELECT that returns the feature "
                    + "columns and the label");
        }
    }

    JdbcQuery withLabel(String name) {
        return new JdbcQuery(url, dataSource, sql, Optional.of(name));
    }

    String sql() {
        return sql;
    }

    Optional<String> label() {
        return label;
    }

    /** The source as shown and recorded: the URL without credentials (or the data source's), and the query. */
    String describe() {
        return shownUrl() + " :: " + sql;
    }

    String shownUrl() {
        if (url != null) {
            return JdbcUrls.withoutCredentials(url);
        }
        try (Connection c = dataSource.getConnection()) {
            return JdbcUrls.withoutCredentials(c.getMetaData().getURL());
        } catch (SQLException e) {
            return "a DataSource";
        }
    }

    /** True when the query names an order: without one, rows may come back in another order next time. */
    boolean ordered() {
        return ORDER_BY.matcher(sql).matches();
    }

    Dataset read() {
        String shown = url != null ? JdbcUrls.withoutCredentials(url) : "the data source";
        try (Connection c = url != null ? DriverManager.getConnection(url) : dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement st = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = st.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    String labelColumn = label.orElse(rs.getMetaData().getColumnLabel(n));
                    Dataset d = Dataset.ofResultSet(rs, labelColumn, describe());
                    if (!ordered()) {
                        DataWarning w = new DataWarning("", "the query has no ORDER BY: the database may return its rows "
                                + "in another order next time, which changes the data's fingerprint and the split; "
                                + "order by a unique key");
                        LOG.warn("{}", w.message());
                        d = d.withWarning(w);
                    }
                    return d;
                }
            } finally {
                c.rollback(); // read only: nothing to keep
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new InvalidDataException("cannot read the query from " + shown + ": " + message(e)
                    + "; check the query and that the database is reachable", e);
        }
    }

    /** The driver's message, without the URL's credentials should a driver repeat them. */
    private String message(SQLException e) {
        String m = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        return url == null ? m : m.replace(url, JdbcUrls.withoutCredentials(url));
    }
}
