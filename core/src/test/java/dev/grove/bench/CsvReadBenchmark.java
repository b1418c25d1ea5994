package dev.grove.bench;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: reads a big CSV a few times and prints rows/s, MB/s, the heap the dataset retains
 * and the peak heap seen. {@code bench/read-csv.sh FILE} runs it.
 */
public final class CsvReadBenchmark {
    private CsvReadBenchmark() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double mb = file.toFile().length() / 1e6;
        Dataset keep = null;
        for (int i = 0; i < repeats; i++) {
            keep = null;
            System.gc();
            long t0 = System.nanoTime();
            keep = CsvReader.readDataset(file, CsvOptions.defaults());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("read %d rows x %d features in %.2f s: %.0f rows/s, %.1f MB/s%n", keep.size(),
                    keep.features().columns().size(), s, keep.size() / s, mb / s);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long retained = rt.totalMemory() - rt.freeMemory();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("heap retained with the dataset: %.0f MB; peak heap (sum of pool peaks): %.0f MB; max heap %d MB%n",
                retained / 1e6, peak / 1e6, rt.maxMemory() >> 20);
        System.out.println(keep.source().sha256().substring(0, 12) + " " + (Files.exists(file) ? "ok" : ""));
    }
}
