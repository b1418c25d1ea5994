package dev.grove.registry;

/** What one alias-history row records. */
public enum AliasAction {
    /** Set or moved by hand, without the gate. */
    SET,
    /** Removed. */
    DELETE,
    /** Moved by a promotion the gate let through. */
    PROMOTE,
    /** Moved by a promotion with --force, whatever the gate said (its scores are kept). */
    FORCE,
    /** A promotion the gate refused, or that lost a race: the alias did not move. */
    REFUSE,
    /** Moved back to the version it pointed at before. */
    ROLLBACK
}
