package dev.grove.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Altered copies of a simple CSV file (no quoted fields, label last) for retraining tests: a
 * resample of its rows (the same distribution), a copy whose numeric features are shifted by some
 * standard deviations (drift), and one whose labels are shuffled (a worse dataset).
 */
public final class CsvCopies {
    private CsvCopies() {
    }

    /** As many rows drawn from {@code csv} with replacement, with a seeded random. */
    public static Path resample(Path csv, long seed, Path target) {
        List<String> lines = read(csv);
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            out.add(lines.get(1 + random.nextInt(lines.size() - 1)));
        }
        return write(target, out);
    }

    /** The same rows with their labels (the last column) shuffled among them by a seeded random. */
    public static Path shuffleLabels(Path csv, long seed, Path target) {
        List<String> lines = read(csv);
        List<String> labels = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            labels.add(l.substring(l.lastIndexOf(',') + 1));
        }
        java.util.Collections.shuffle(labels, new Random(seed));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            out.add(l.substring(0, l.lastIndexOf(',') + 1) + labels.get(i - 1));
        }
        return write(target, out);
    }

    /** Every numeric column but {@code label} moved up by {@code sds} of its standard deviations. */
    public static Path shift(Path csv, String label, double sds, Path target) {
        List<String> lines = read(csv);
        String[] header = lines.get(0).split(",", -1);
        List<String[]> rows = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
        double[] shift = new double[header.length];
        for (int c = 0; c < header.length; c++) {
            if (!header[c].equals(label)) {
                shift[c] = sds * sd(rows, c);
            }
        }
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String[] r : rows) {
            String[] moved = r.clone();
            for (int c = 0; c < r.length; c++) {
                if (shift[c] != 0 && !r[c].isEmpty()) {
                    moved[c] = String.format(Locale.ROOT, "%.4f", Double.parseDouble(r[c]) + shift[c]);
                }
            }
            out.add(String.join(",", moved));
        }
        return write(target, out);
    }

    /** The column's standard deviation, or 0 when it holds anything but numbers. */
    private static double sd(List<String[]> rows, int c) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (String[] r : rows) {
            if (r[c].isEmpty()) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(r[c]);
            } catch (NumberFormatException e) {
                return 0;
            }
            sum += v;
            sq += v * v;
            n++;
        }
        return n < 2 ? 0 : Math.sqrt(Math.max(0, (sq - sum * sum / n) / (n - 1)));
    }

    private static List<String> read(Path csv) {
        try {
            return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path target, List<String> lines) {
        try {
            return Files.write(target, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
