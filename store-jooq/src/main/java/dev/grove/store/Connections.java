package dev.grove.store;

import dev.grove.RunStoreClosedException;
import dev.grove.RunStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.conf.Settings;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections of one repository. SQLite: one connection, used by one thread at a time (SQLite
 * serialises writers anyway; other processes are waited for through the busy timeout).
 * PostgreSQL: a few idle connections kept for reuse, a new one when none is idle.
 */
abstract class Connections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    /** Gives {@code work} a connection for the duration of the call. */
    abstract <T> T run(Function<Connection, T> work);

    abstract DataSource dataSource();

    /** jOOQ settings for statements on these connections. */
    abstract Settings settings();

    /** Why a call failed, one line (see {@link StoreErrors}). */
    abstract String why(Throwable e);

    @Override
    public abstract void close();

    static Sqlite sqlite(StoreTarget target) {
        return new Sqlite(target);
    }

    static Postgres postgres(StoreTarget target, PostgresTimeouts timeouts) {
        return new Postgres(target, timeouts);
    }

    static final class Sqlite extends Connections {
        private final StoreTarget target;
        private final SQLiteDataSource dataSource;
        private final ReentrantLock lock = new ReentrantLock();
        private Connection connection;
        private boolean closed;

        Sqlite(StoreTarget target) {
            this.target = target;
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a commit is on disk before it returns, so a power cut cannot take back a recorded
            // run (NORMAL in WAL mode may lose the last commits). Runs are rare writes; the cost is
            // an fsync per commit.
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(JooqRunRepository.BUSY_TIMEOUT_MS);
            this.dataSource = new SQLiteDataSource(config);
            this.dataSource.setUrl(target.jdbcUrl());
        }

        void connect() {
            lock.lock();
            try {
                connection = dataSource.getConnection();
                // SQLite checks foreign keys (alias -> run, reproduction -> run) only when asked, per
                // connection. Only the store's own connection asks: migrations run without, so a
                // future table rebuild can follow SQLite's recipe.
                try (Statement st = connection.createStatement()) {
                    st.execute("PRAGMA foreign_keys = ON");
                }
            } catch (SQLException e) {
                throw new RunStoreException("cannot open run store " + target.location() + ": " + e.getMessage(), e);
            } finally {
                lock.unlock();
            }
        }

        @Override
        <T> T run(Function<Connection, T> work) {
            lock.lock();
            try {
                if (closed || connection == null) {
                    throw new RunStoreClosedException(target.location());
                }
                return work.apply(connection);
            } finally {
                lock.unlock();
            }
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }

        @Override
        Settings settings() {
            return new Settings();
        }

        @Override
        String why(Throwable e) {
            return StoreErrors.why(e, null);
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        LOG.warn("closing run store {}: {}", target.location(), e.getMessage());
                    }
                    connection = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    static final class Postgres extends Connections {
        private static final int MAX_IDLE = 4;
        private final StoreTarget target;
        private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
        private final PostgresTimeouts timeouts;
        private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
        private volatile boolean closed;

        Postgres(StoreTarget target, PostgresTimeouts defaults) {
            this.target = target;
            try {
                dataSource.setURL(target.jdbcUrl());
            } catch (IllegalArgumentException e) {
                throw new RunStoreException("invalid PostgreSQL URL " + target.location() + ": " + e.getMessage(), e);
            }
            target.user().ifPresent(dataSource::setUser);
            target.password().ifPresent(dataSource::setPassword);
            this.timeouts = defaults.withUrl(target.jdbcUrl());
            timeouts.applyTo(dataSource);
        }

        PostgresTimeouts timeouts() {
            return timeouts;
        }

        @Override
        <T> T run(Function<Connection, T> work) {
            if (closed) {
                throw new RunStoreClosedException(target.location());
            }
            Connection c = borrow();
            boolean healthy = false;
            try {
                T result = work.apply(c);
                healthy = true;
                return result;
            } finally {
                if (healthy && !closed && idle.size() < MAX_IDLE) {
                    idle.push(c);
                    if (closed) {
                        closeAll();
                    }
                } else {
                    quietlyClose(c);
                }
            }
        }

        private Connection borrow() {
            Connection c;
            while ((c = idle.poll()) != null) {
                try {
                    if (c.isValid(2)) {
                        return c;
                    }
                } catch (SQLException e) {
                    LOG.debug("dropping a broken connection to {}: {}", target.location(), e.getMessage());
                }
                quietlyClose(c);
            }
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new RunStoreException("cannot connect to run store " + target.location() + ": "
                        + StoreErrors.connectFailure(e, timeouts), e);
            }
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }

        /** Every statement is bounded by the statement timeout (JDBC's query timeout: the driver cancels it). */
        @Override
        Settings settings() {
            return new Settings().withQueryTimeout(timeouts.statementSeconds());
        }

        @Override
        String why(Throwable e) {
            return StoreErrors.why(e, timeouts);
        }

        @Override
        public void close() {
            closed = true;
            closeAll();
        }

        private void closeAll() {
            Connection c;
            while ((c = idle.poll()) != null) {
                quietlyClose(c);
            }
        }

        private void quietlyClose(Connection c) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection to {}: {}", target.location(), e.getMessage());
            }
        }
    }
}
