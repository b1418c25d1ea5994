package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.retrain.RetrainLedger;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.testing.PostgresTestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two OS processes ({@link LockRaceMain}) on one store try, round after round, to take one
 * model's retraining lock at the same instant: in even rounds nobody holds it (both INSERT), in
 * odd rounds a dead holder does (both take it over from the stale row). Each round exactly one
 * wins and the other is refused while the winner holds it; the trigger history ends with one
 * TRAINED row by the winner and one SKIPPED row by the loser per round, and no lock is left.
 */
class LockRaceTest {
    private static final int ROUNDS = 40;
    private static final List<String> NAMES = List.of("a", "b");
    private static final String GHOST = "ghost (a process that died holding the lock)";

    private static PostgresTestServer server;

    @TempDir
    Path dir;

    @AfterAll
    static void dropSchemas() {
        if (server != null) {
            server.dropAll();
        }
    }

    private String store(String kind) {
        if (kind.equals("sqlite")) {
            return dir.resolve("race.db").toString();
        }
        if (server == null) {
            server = PostgresTestServer.require();
        }
        return server.freshSchemaUrl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoProcessesTakingOneLockAtOnceEndWithOneHolderPerRound(String kind) throws Exception {
        String store = store(kind);
        Map<String, Integer> wins = new TreeMap<>();
        List<String> winners = new ArrayList<>();
        try (JooqRunRepository repo = JooqRunRepository.open(store)) {
            RetrainLedger ledger = repo.retraining();
            List<ChildProcess> children = new ArrayList<>();
            try {
                for (String name : NAMES) {
                    children.add(new ChildProcess(name, dir, LockRaceMain.class, store, name));
                }
                for (ChildProcess c : children) {
                    assertEquals("ready", c.next(), c.name + " starts");
                }
                for (int round = 0; round < ROUNDS; round++) {
                    if (round % 2 == 1) {
                        Instant longAgo = Instant.now().minus(LockRaceMain.STALE.multipliedBy(5));
                        assertTrue(ledger.tryLock(LockRaceMain.MODEL, GHOST, longAgo, longAgo.minusSeconds(1)));
                    }
                    long startAt = System.currentTimeMillis() + 20;
                    for (int k = 0; k < children.size(); k++) { // who hears "go" first alternates
                        children.get((round + k) % children.size()).send("go " + round + " " + startAt);
                    }
                    Map<String, String> answers = new TreeMap<>();
                    for (ChildProcess c : children) {
                        answers.put(c.name, c.next());
                    }
                    String wonLine = "won " + round;
                    List<String> won = answers.entrySet().stream().filter(e -> e.getValue().equals(wonLine))
                            .map(Map.Entry::getKey).toList();
                    assertEquals(1, won.size(), "round " + round + ": exactly one winner: " + answers);
                    String winner = won.get(0);
                    String lost = answers.get(NAMES.get(1 - NAMES.indexOf(winner)));
                    assertEquals("lost " + round, lost, "round " + round + ": the other process");
                    Instant now = Instant.now();
                    assertTrue(ledger.refreshLock(LockRaceMain.MODEL, winner, now), "round " + round + ": held by "
                            + winner);
                    assertFalse(ledger.refreshLock(LockRaceMain.MODEL, GHOST, now), "round " + round + ": not by the ghost");
                    ChildProcess holder = children.get(NAMES.indexOf(winner));
                    holder.send("release " + round);
                    assertEquals("released " + round, holder.next());
                    winners.add(winner);
                    wins.merge(winner, 1, Integer::sum);
                }
                for (ChildProcess c : children) {
                    c.quit();
                }
            } finally {
                children.forEach(ChildProcess::kill);
            }

            List<TriggerEvaluation> history = ledger.evaluations(LockRaceMain.MODEL);
            assertEquals(2 * ROUNDS, history.size(), "one evaluation per process and round");
            for (int round = 0; round < ROUNDS; round++) {
                String reason = "round " + round;
                Map<String, RetrainOutcome> outcomes = new TreeMap<>();
                history.stream().filter(e -> e.reasons().equals(List.of(reason)))
                        .forEach(e -> outcomes.put(e.actor(), e.outcome()));
                String winner = winners.get(round);
                String loser = NAMES.get(1 - NAMES.indexOf(winner));
                assertEquals(Map.of(winner, RetrainOutcome.TRAINED, loser, RetrainOutcome.SKIPPED), outcomes, reason);
            }
            Instant now = Instant.now();
            assertTrue(ledger.tryLock(LockRaceMain.MODEL, "after the race", now, now.minusSeconds(1)),
                    "the last winner released the lock");
        }
        System.out.println("lock race on " + kind + ": wins per process " + wins);
    }
}
