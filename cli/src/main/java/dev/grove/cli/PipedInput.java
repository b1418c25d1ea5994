package dev.grove.cli;

import dev.grove.GroveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A CSV given as {@code -} (standard input), {@code /dev/stdin} or another pipe: Grove reads a CSV
 * by seeking (a second pass when a column turns out to hold text), which a pipe cannot do, so the
 * bytes are first copied to a temporary file, deleted afterwards. A regular file is used as it is.
 */
final class PipedInput implements AutoCloseable {
    private final Path file;
    private final Path temporary;

    private PipedInput(Path file, Path temporary) {
        this.file = file;
        this.temporary = temporary;
    }

    static PipedInput of(Path typed, InputStream stdin) {
        boolean dash = typed.toString().equals("-");
        if (!dash && (!Files.exists(typed) || Files.isRegularFile(typed) || Files.isDirectory(typed))) {
            return new PipedInput(typed, null); // a file, or a path whose problem the reader reports
        }
        try {
            Path tmp = Files.createTempFile("grove-stdin-", ".csv");
            try {
                if (dash) {
                    Files.copy(stdin, tmp, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    try (InputStream in = Files.newInputStream(typed)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                return new PipedInput(tmp, tmp);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new GroveException("cannot read " + (dash ? "standard input" : Printable.of(typed.toString())) + ": "
                    + e.getMessage());
        }
    }

    /** The file to read. */
    Path file() {
        return file;
    }

    /** What to record as the dataset path when the rows were piped: {@code stdin}. */
    Optional<String> recordedAs() {
        return temporary == null ? Optional.empty() : Optional.of("stdin");
    }

    @Override
    public void close() {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a temporary file left in the system's temp folder: harmless
            }
        }
    }
}
