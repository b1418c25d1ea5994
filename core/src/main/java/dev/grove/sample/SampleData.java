package dev.grove.sample;

import dev.grove.GroveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The future-skills sample Grove ships with: 400 skills × job families, seven numeric signals
 * and the {@code future_need_level} label (LOW / MEDIUM / HIGH, few LOW) — a public look-alike of
 * the data the original Django feature trained on. See {@code examples/README.md} for its columns.
 */
public final class SampleData {
    public static final String FUTURE_SKILLS_LABEL = "future_need_level";
    private static final String RESOURCE = "future_skills.csv";

    private SampleData() {
    }

    /**
     * Writes the sample to {@code target} unless a file is already there (it is never
     * overwritten); creates missing folders. Returns {@code target}.
     */
    public static Path futureSkills(Path target) {
        if (Files.exists(target)) {
            return target;
        }
        try (InputStream in = SampleData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new GroveException("the bundled sample " + RESOURCE + " is missing from grove-core's jar");
            }
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = dev.grove.internal.ModelArtifacts.createTemp(parent, target);
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target); // fails rather than replace a file that appeared meanwhile
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return target;
        } catch (IOException e) {
            throw new GroveException("cannot write the sample dataset to " + target + ": " + e.getMessage()
                    + "; pass a dataset path instead", e);
        }
    }
}
