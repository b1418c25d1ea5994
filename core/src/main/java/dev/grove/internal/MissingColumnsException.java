package dev.grove.internal;

import dev.grove.InvalidDataException;
import java.util.List;

/** Columns were asked for by name that the file does not have. */
public final class MissingColumnsException extends InvalidDataException {
    private final List<String> absent;
    private final List<String> available;

    public MissingColumnsException(String where, List<String> absent, List<String> available) {
        super((absent.size() == 1 ? "column '" + absent.get(0) + "' is" : "columns " + String.join(", ", absent) + " are")
                + " not in " + where + "; its columns are: " + String.join(", ", available)
                + " (names are case-sensitive): use one of those");
        this.absent = List.copyOf(absent);
        this.available = List.copyOf(available);
    }

    /** The names asked for that the file lacks. */
    public List<String> absent() {
        return absent;
    }

    /** The file's columns. */
    public List<String> available() {
        return available;
    }
}
