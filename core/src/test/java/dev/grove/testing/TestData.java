package dev.grove.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real datasets bundled with core's tests (iris, penguins, future_skills and the split
 * fixtures), copied out of the classpath into a folder, so tests read real files on disk.
 * Shared with other modules through core's test-jar.
 */
public final class TestData {
    public static final String IRIS = "iris.csv";
    public static final String PENGUINS = "penguins.csv";
    public static final String FUTURE_SKILLS = "future_skills.csv";

    private TestData() {
    }

    /** Copies {@code data/<name>} from the test classpath to {@code dir/<name>}. */
    public static Path copy(String name, Path dir) {
        Path target = dir.resolve(Path.of(name).getFileName().toString());
        try (InputStream in = TestData.class.getResourceAsStream("/data/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test dataset data/" + name);
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
