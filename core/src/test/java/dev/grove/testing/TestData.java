package dev.grove.testing;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The real datasets bundled with core's tests (iris, penguins, future_skills and the split
 * fixtures), copied out of the classpath into a folder, so tests read real files on disk.
 * Shared with other modules through core's test-jar, with two generated sets that trainers' tests
 * need for the corners of tree growing.
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

    /**
     * {@code csv} saved as Excel's "CSV UTF-8" does: a UTF-8 byte-order mark first and CRLF line
     * ends, written to {@code target}.
     */
    public static Path withBomAndCrlf(Path csv, Path target) {
        try {
            String text = Files.readString(csv).replace("\r\n", "\n").replace("\n", "\r\n");
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[body.length + 3];
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            System.arraycopy(body, 0, bytes, 3, body.length);
            return Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CSV of plain cells (no quotes, no ';') written the European way, as spreadsheets there save
     * it: fields separated by ';' and numbers with a decimal comma ({@code 5,1;3,5;1,4;0,2;setosa}).
     */
    public static Path european(Path csv, Path target) {
        try {
            String text = Files.readString(csv);
            if (text.indexOf(';') >= 0 || text.indexOf('"') >= 0) {
                throw new IllegalArgumentException(csv + " has quotes or ';': not a plain CSV");
            }
            return write(target, text.replace(',', ';').replace('.', ','));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The training rows (portable split, test 0.2, seed 42) of a bundled dataset, or of the
     * generated {@code "noisy"} or {@code "edges"} set, read from a file written into {@code dir}.
     */
    public static Dataset trainingRows(String name, Path dir) {
        Path csv = switch (name) {
            case "noisy" -> noisy(dir.resolve("noisy.csv"));
            case "edges" -> edges(dir.resolve("edges.csv"));
            default -> copy(name, dir);
        };
        Dataset data = CsvReader.readDataset(csv, CsvOptions.defaults());
        Split s = PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        return data.select(s.train());
    }

    /**
     * 1,500 rows of overlapping classes (fixed seed), so trees grow deep: continuous values, an
     * integer feature full of ties and a categorical one.
     */
    public static Path noisy(Path csv) {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder("f1,f2,f3,f4,colour,label\n");
        String[] colours = {"red", "green", "blue"};
        for (int r = 0; r < 1500; r++) {
            int k = rnd.nextInt(3);
            sb.append(String.format("%.4f,%.4f,%d,%.3f,%s,c%d%n", k + rnd.nextGaussian() * 1.5, rnd.nextDouble(),
                    rnd.nextInt(40) + k, rnd.nextGaussian(), colours[(k + rnd.nextInt(2)) % 3], k));
        }
        return write(csv, sb);
    }

    /**
     * Values a split rule can trip on (fixed seed): -0 and 0, 1 next to the double just above it
     * (whose mean is not strictly above the lower one), and a feature {@code d} that tells the
     * classes apart mostly by a gap of 1e-9 (below Smile's tolerance of 1e-7).
     */
    public static Path edges(Path csv) {
        Random rnd = new Random(5);
        StringBuilder sb = new StringBuilder("a,b,c,d,label\n");
        String[] a = {"-0", "0", "2"};
        String[] b = {"1", "1.0000000000000002", "3"};
        for (int r = 0; r < 300; r++) {
            int i = rnd.nextInt(3);
            int j = rnd.nextInt(3);
            String label = (i == 0) != (j == 1) ? "x" : "y";
            String d = (label.equals("x")) != (rnd.nextInt(4) == 0) ? "5" : "5.000000001";
            sb.append(a[i]).append(',').append(b[j]).append(',').append(rnd.nextInt(4)).append(',').append(d)
                    .append(',').append(label).append('\n');
        }
        return write(csv, sb);
    }

    /**
     * A binary-label set with one many-level categorical column (fixed seed), the recipe of
     * {@code bench/make_highcard.py}: each {@code employer} level has a latent log-odds drawn from
     * N(0, 3.5); label {@code yes} with probability sigmoid(latent + income). Some rows have no
     * employer.
     */
    public static Path highCardinality(Path csv, int rows, int levels) {
        Random rnd = new Random(20);
        double[] latent = new double[levels];
        for (int l = 0; l < levels; l++) {
            latent[l] = 3.5 * rnd.nextGaussian();
        }
        StringBuilder sb = new StringBuilder("employer,income,label\n");
        for (int r = 0; r < rows; r++) {
            int e = rnd.nextInt(levels);
            double income = rnd.nextGaussian();
            boolean yes = rnd.nextDouble() < 1 / (1 + Math.exp(-(latent[e] + income)));
            String employer = rnd.nextInt(50) == 0 ? "" : String.format("e%04d", e + 1);
            sb.append(employer).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", income)).append(',')
                    .append(yes ? "yes" : "no").append('\n');
        }
        return write(csv, sb);
    }

    private static Path write(Path csv, CharSequence text) {
        try {
            return Files.writeString(csv, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
