package dev.grove.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.TestData;
import dev.grove.train.Prediction;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live model follows its alias, swaps atomically under load, and keeps serving when a swap fails. */
class LiveModelTest {
    @TempDir
    Path dir;

    private Grove grove;
    private Models models;
    private List<Map<String, Object>> rows;

    @BeforeEach
    void setUp() {
        InMemoryRunRepository runs = new InMemoryRunRepository();
        grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer())).runs(runs)
                .modelsDir(dir.resolve("models")).build();
        models = grove.models();
        Path skills = TestData.copy(TestData.FUTURE_SKILLS, dir);
        for (int seed = 1; seed <= 3; seed++) { // the centroid trainer is seeded: three versions that disagree on some rows
            grove.train(TrainingRequest.of(skills).withModelVersion("v" + seed)
                    .withParams(TrainingParams.defaults().withRandomState(seed * 1000L)));
        }
        Dataset data = CsvReader.readDataset(skills, CsvOptions.defaults());
        rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i += 7) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (var c : data.features().columns()) {
                row.put(c.name(), c instanceof dev.grove.data.NumericColumn n ? (Object) n.get(i)
                        : ((dev.grove.data.CategoricalColumn) c).level(i).orElse(null));
            }
            rows.add(row);
        }
    }

    @Test
    void eightThreadsPredictWhileTheAliasMovesFiftyTimesWithoutAnError() throws Exception {
        // What each version predicts for each row: every answer under load must be one of these, whole.
        Map<String, List<Prediction>> expected = new HashMap<>();
        for (String v : List.of("v1", "v2", "v3")) {
            var model = grove.loadModel(v).model();
            expected.put(v, rows.stream().map(model::predict).toList());
        }
        assertFalse(expected.get("v1").equals(expected.get("v2")) && expected.get("v2").equals(expected.get("v3")),
                "the versions must disagree somewhere for the test to mean anything");
        models.setAlias("future_skills", "production", "v1", "test", "");

        try (LiveModel live = grove.live("future_skills@production")) {
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicLong calls = new AtomicLong();
            Set<String> seenVersions = java.util.concurrent.ConcurrentHashMap.newKeySet();
            CountDownLatch started = new CountDownLatch(8);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                Thread th = new Thread(() -> {
                    started.countDown();
                    for (int k = offset; !stop.get(); k++) {
                        int i = k % rows.size();
                        try {
                            Prediction p = live.predict(rows.get(i));
                            List<String> from = expected.entrySet().stream()
                                    .filter(e -> e.getValue().get(i).equals(p)).map(Map.Entry::getKey).toList();
                            if (from.isEmpty()) {
                                throw new AssertionError("row " + i + " got " + p + ", which no version predicts");
                            }
                            if (from.size() == 1) {
                                seenVersions.add(from.get(0)); // a row on which that version alone answers so
                            }
                            calls.incrementAndGet();
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            started.await();
            String[] cycle = {"v2", "v3", "v1"};
            for (int move = 0; move < 50; move++) {
                String to = cycle[move % 3];
                models.setAlias("future_skills", "production", to, "test", "move " + move);
                assertTrue(live.refresh(), "move " + move + " is followed");
                assertEquals(to, live.version());
                Thread.sleep(2);
            }
            stop.set(true);
            for (Thread th : threads) {
                th.join(30_000);
            }
            assertEquals(List.of(), List.copyOf(errors));
            assertTrue(calls.get() > 1000, calls.get() + " predictions");
            assertTrue(seenVersions.size() >= 2, "answers came from the versions the alias moved between: " + seenVersions);
        }
        assertEquals(51, models.history("future_skills").size());
    }

    @Test
    void aVersionThatFailsToLoadIsNotSwappedInAndPollingFollowsTheAlias() throws Exception {
        models.setAlias("future_skills", "production", "v1", "test", "");
        try (LiveModel live = grove.live("future_skills@production")) {
            assertFalse(live.refresh(), "nothing moved");

            models.setAlias("future_skills", "production", "v2", "test", "");
            Path v2 = Path.of(live.run().spec().modelPath()).resolveSibling("../v2/model.bin").normalize();
            byte[] good = Files.readAllBytes(v2);
            byte[] bad = good.clone();
            bad[bad.length - 1] ^= 1; // a damaged file: its SHA-256 no longer matches the store's
            Files.write(v2, bad);
            assertFalse(live.refresh());
            assertEquals("v1", live.version(), "the damaged version is not served");
            assertEquals(grove.loadModel("v1").model().predict(rows.get(0)), live.predict(rows.get(0)));

            Files.write(v2, good);
            live.pollEvery(Duration.ofMillis(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!live.version().equals("v2") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("v2", live.version(), "polling followed the alias once the file was whole again");

            models.deleteAlias("future_skills", "production", "test", "");
            assertFalse(live.refresh());
            assertEquals("v2", live.version(), "an alias that is gone leaves the last version serving");
        }
    }
}
