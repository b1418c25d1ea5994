package dev.grove.store;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * The store's times (the runs' {@code run_date}, {@code finished_at}, {@code heartbeat_at}; the
 * registry's {@code model_alias.updated_at} and {@code alias_history.at}; the retraining's
 * {@code retrain_lock.acquired_at}, {@code refreshed_at} and {@code trigger_history.at}) as
 * {@link Instant}s in the jOOQ classes generated from the SQLite scripts: ISO-8601 text on SQLite
 * (see {@link StoredTimes}), {@code timestamptz} on PostgreSQL. Every time is cut to whole
 * microseconds the same way on both. Wired in by a forcedType of the code generator (pom.xml);
 * public only because the generated classes live in another package. Not an API.
 */
public final class RunTimeBinding implements Binding<String, Instant> {
    private static final long serialVersionUID = 1L;

    private static final Converter<String, Instant> TEXT =
            Converter.ofNullable(String.class, Instant.class, StoredTimes::parse, StoredTimes::text);

    private static boolean postgres(SQLDialect family) {
        return family == SQLDialect.POSTGRES;
    }

    @Override
    public Converter<String, Instant> converter() {
        return TEXT;
    }

    @Override
    public void sql(BindingSQLContext<Instant> ctx) {
        if (ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().visit(DSL.inline(ctx.value() == null ? null : StoredTimes.text(ctx.value())));
        } else {
            ctx.render().sql(ctx.variable());
        }
        if (postgres(ctx.family())) {
            ctx.render().sql("::timestamptz");
        }
    }

    @Override
    public void register(BindingRegisterContext<Instant> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(),
                postgres(ctx.family()) ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
    }

    @Override
    public void set(BindingSetStatementContext<Instant> ctx) throws SQLException {
        Instant t = ctx.value();
        if (!postgres(ctx.family())) {
            ctx.statement().setString(ctx.index(), t == null ? null : StoredTimes.text(t));
        } else if (t == null) {
            ctx.statement().setNull(ctx.index(), Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ctx.statement().setObject(ctx.index(), OffsetDateTime.ofInstant(StoredTimes.stored(t), ZoneOffset.UTC));
        }
    }

    @Override
    public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
        if (postgres(ctx.family())) {
            OffsetDateTime t = ctx.resultSet().getObject(ctx.index(), OffsetDateTime.class);
            ctx.value(t == null ? null : t.toInstant());
        } else {
            ctx.value(TEXT.from(ctx.resultSet().getString(ctx.index())));
        }
    }

    @Override
    public void get(BindingGetStatementContext<Instant> ctx) throws SQLException {
        if (postgres(ctx.family())) {
            OffsetDateTime t = ctx.statement().getObject(ctx.index(), OffsetDateTime.class);
            ctx.value(t == null ? null : t.toInstant());
        } else {
            ctx.value(TEXT.from(ctx.statement().getString(ctx.index())));
        }
    }

    @Override
    public void set(BindingSetSQLOutputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("run times are not used in user-defined types");
    }

    @Override
    public void get(BindingGetSQLInputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("run times are not used in user-defined types");
    }
}
