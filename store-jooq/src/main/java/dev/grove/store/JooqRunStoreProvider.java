package dev.grove.store;

import dev.grove.run.RunRepository;
import dev.grove.run.RunStoreProvider;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Lets {@link RunRepository#open(String)} open SQLite files ({@code runs.db},
 * {@code jdbc:sqlite:runs.db}) and PostgreSQL URLs ({@code jdbc:postgresql://host/db}) as
 * {@link JooqRunRepository}s. Listed in {@code META-INF/services/dev.grove.run.RunStoreProvider}.
 */
public final class JooqRunStoreProvider implements RunStoreProvider {
    /** A URL scheme such as {@code jdbc:} or {@code https:}; one letter before a colon is a Windows drive. */
    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    @Override
    public boolean supports(String location) {
        if (location == null || location.isBlank()) {
            return false;
        }
        String s = location.trim().toLowerCase(Locale.ROOT);
        return s.startsWith(StoreTarget.SQLITE_PREFIX) || s.startsWith(StoreTarget.POSTGRES_PREFIX)
                || !URL_SCHEME.matcher(s).find();
    }

    @Override
    public RunRepository open(String location) {
        return JooqRunRepository.open(location);
    }
}
