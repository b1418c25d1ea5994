package dev.grove.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.run.RunRepository;
import dev.grove.run.RunRepositoryContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link RetrainLedger} must do: one lock holder per model at a time (a dead
 * holder's lock is taken over once stale), and a trigger history that is only appended to and
 * round-trips every field. Extend it and return a fresh, empty store from {@link #newRepository()}.
 */
public abstract class RetrainLedgerContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    protected abstract RunRepository newRepository();

    protected RunRepository repo;
    protected RetrainLedger ledger;

    @BeforeEach
    void open() {
        repo = newRepository();
        ledger = repo.retraining();
    }

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void oneHolderAtATimeAndADeadHoldersLockIsTakenOverOnceStale() {
        assertTrue(ledger.tryLock("skills", "host-a 1", T0, T0.minusSeconds(120)));
        assertTrue(ledger.tryLock("skills", "host-a 1", T0.plusSeconds(1), T0.minusSeconds(119)), "re-entrant");
        assertFalse(ledger.tryLock("skills", "host-b 2", T0.plusSeconds(5), T0.minusSeconds(115)), "held and fresh");
        assertTrue(ledger.tryLock("churn", "host-b 2", T0.plusSeconds(5), T0.minusSeconds(115)), "another model");
        assertTrue(ledger.refreshLock("skills", "host-a 1", T0.plusSeconds(60)));
        assertFalse(ledger.refreshLock("skills", "host-b 2", T0.plusSeconds(60)), "not the holder");
        assertFalse(ledger.tryLock("skills", "host-b 2", T0.plusSeconds(150), T0.plusSeconds(30)),
                "its last refresh (T0+60) is after the cutoff");
        assertTrue(ledger.tryLock("skills", "host-b 2", T0.plusSeconds(200), T0.plusSeconds(80)), "stale: taken over");
        assertFalse(ledger.refreshLock("skills", "host-a 1", T0.plusSeconds(201)), "the old holder lost it");
        ledger.unlock("skills", "host-a 1"); // not the holder: no effect
        assertFalse(ledger.tryLock("skills", "host-c 3", T0.plusSeconds(202), T0.plusSeconds(82)));
        ledger.unlock("skills", "host-b 2");
        assertTrue(ledger.tryLock("skills", "host-c 3", T0.plusSeconds(203), T0.plusSeconds(83)));
    }

    @Test
    void concurrentLockersHaveOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> got = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String holder = "holder-" + i;
                got.add(pool.submit(() -> ledger.tryLock("skills", holder, T0, T0.minusSeconds(120))));
            }
            int wins = 0;
            for (Future<Boolean> f : got) {
                wins += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTriggerHistoryRoundTripsAndListsOldestFirst() {
        // the challenger is a run of the store (a SQL store holds it to that with a foreign key)
        long challenger = repo.start(RunRepositoryContract.spec("skills-7", T0, "smile", "a".repeat(64))).id();
        repo.succeed(challenger, RunRepositoryContract.outcome(0.8), T0.plusSeconds(1));
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("dataset_sha256", "a".repeat(64));
        measured.put("psi", Map.of("trend_score", 0.31));
        measured.put("drifted_share", 0.5);
        TriggerEvaluation trained = new TriggerEvaluation(0, "skills", "production", T0, RetrainOutcome.TRAINED,
                List.of("new-data", "drift"), List.of("new data: sha256 a… differs from b…", "drift: 1 of 2 features"),
                measured, OptionalLong.of(challenger), Optional.of(true), "cron", Optional.empty());
        TriggerEvaluation unchanged = new TriggerEvaluation(0, "skills", "production", T0.plusSeconds(60),
                RetrainOutcome.UNCHANGED, List.of(), List.of("new data: unchanged"), Map.of(), OptionalLong.empty(),
                Optional.empty(), "cron", Optional.empty());
        TriggerEvaluation failed = new TriggerEvaluation(0, "skills", "production", T0.plusSeconds(120),
                RetrainOutcome.FAILED, List.of(), List.of(), Map.of(), OptionalLong.empty(), Optional.empty(), "ana",
                Optional.of("the dataset is gone"));
        TriggerEvaluation a = ledger.record(trained);
        TriggerEvaluation b = ledger.record(unchanged);
        TriggerEvaluation c = ledger.record(failed);
        ledger.record(new TriggerEvaluation(0, "churn", "prod", T0, RetrainOutcome.SKIPPED, List.of(), List.of("busy"),
                Map.of(), OptionalLong.empty(), Optional.empty(), "x", Optional.empty()));
        assertTrue(a.id() > 0 && a.id() < b.id() && b.id() < c.id());
        List<TriggerEvaluation> history = ledger.evaluations("skills");
        assertEquals(List.of(a, b, c), history);
        assertEquals(trained.withId(a.id()), history.get(0), "every field round-trips, maps included");
        assertEquals(List.of(), ledger.evaluations("nobody"));
    }
}
