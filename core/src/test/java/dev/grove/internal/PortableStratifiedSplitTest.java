package dev.grove.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The split must pick exactly the rows the Python, R and Weka peers pick (fixtures dumped by them). */
class PortableStratifiedSplitTest {
    private static final Pattern NAME = Pattern.compile("(.+)__split([0-9.]+)__seed(-?\\d+)\\.txt");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "iris__split0.2__seed42.txt",
        "iris__split0.5__seed0.txt",
        "penguins__split0.25__seed7.txt",
        "future_skills__split0.2__seed42.txt",
        "future_skills__split0.3__seed-5.txt",
        "tiny_imbalanced__split0.2__seed42.txt",
        "tiny_imbalanced__split0.5__seed2147483647.txt"})
    void matchesThePeersFixture(String fixture) throws IOException {
        Matcher m = NAME.matcher(fixture);
        if (!m.matches()) {
            throw new IllegalArgumentException(fixture);
        }
        Path csv = TestData.copy(m.group(1).equals("tiny_imbalanced") ? "splits/tiny_imbalanced.csv" : m.group(1) + ".csv", dir);
        Dataset d = CsvReader.readDataset(csv, CsvOptions.defaults());
        Path expected = TestData.copy("splits/" + fixture, dir);
        List<String> lines = Files.readAllLines(expected);
        int[] test = rows(lines, "test ");
        int[] train = rows(lines, "train ");

        Split s = PortableStratifiedSplit.split(d.labels(), d.classes().size(), Double.parseDouble(m.group(2)),
                Long.parseLong(m.group(3)));

        assertArrayEquals(test, s.test(), "test rows of " + fixture);
        assertArrayEquals(train, s.train(), "train rows of " + fixture);
        assertEquals(d.size(), s.test().length + s.train().length);
    }

    private static int[] rows(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).mapToInt(l -> Integer.parseInt(l.substring(prefix.length()).trim()))
                .sorted().toArray();
    }
}
