package dev.grove.run;

/**
 * Opens run stores of one kind, found by {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.grove.run.RunStoreProvider}); {@link RunRepository#open(String)}
 * asks each in turn. {@code grove-store-jooq} provides SQLite files and PostgreSQL URLs.
 */
public interface RunStoreProvider {

    /** True when this provider can open {@code location} (a file path or a URL). */
    boolean supports(String location);

    /** Opens (creating or upgrading as needed) the store at {@code location}. */
    RunRepository open(String location);
}
