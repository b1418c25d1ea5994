package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.registry.Alias;
import dev.grove.registry.AliasAction;
import dev.grove.registry.AliasChange;
import dev.grove.run.RunRepositoryContract;
import dev.grove.run.TrainingRun;
import dev.grove.testing.PostgresTestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two OS processes ({@link AliasRaceMain}) on one store try, round after round, to move the same
 * alias from the same version to each one's own version at the same instant. Each round exactly
 * one wins and the loser is told the winner's version; in the end the history holds one row per
 * win, in the order of the rounds, and the alias is where its last row says.
 */
class AliasRaceTest {
    private static final int ROUNDS = 40;
    private static final List<String> NAMES = List.of("a", "b");

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
    void twoProcessesMovingOneAliasAtOnceEndWithOneWinnerPerRound(String kind) throws Exception {
        String store = store(kind);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        try (JooqRunRepository repo = JooqRunRepository.open(store)) {
            TrainingRun base = succeeded(repo, "base", t0);
            for (String name : NAMES) {
                for (int i = 0; i < ROUNDS; i++) {
                    succeeded(repo, AliasRaceMain.version(name, i), t0);
                }
            }
            repo.registry().changeAlias(AliasRaceMain.MODEL, AliasRaceMain.ALIAS, Optional.empty(), Optional.of(base),
                    new AliasChange(0, AliasRaceMain.MODEL, AliasRaceMain.ALIAS, AliasAction.SET, Optional.empty(),
                            Optional.of("base"), "test", t0, "start", Optional.empty()));
        }

        List<ChildProcess> children = new ArrayList<>();
        List<String> winners = new ArrayList<>();
        try {
            for (String name : NAMES) {
                children.add(new ChildProcess(name, dir, AliasRaceMain.class, store, name, Integer.toString(ROUNDS)));
            }
            for (ChildProcess c : children) {
                assertEquals("ready", c.next(), c.name + " starts");
            }
            String expected = "base";
            for (int round = 0; round < ROUNDS; round++) {
                long startAt = System.currentTimeMillis() + 20;
                for (int k = 0; k < children.size(); k++) { // who hears "go" first alternates
                    children.get((round + k) % children.size()).send("go " + round + " " + expected + " " + startAt);
                }
                Map<String, String> answers = new TreeMap<>();
                for (ChildProcess c : children) {
                    answers.put(c.name, c.next());
                }
                String wonLine = "won " + round;
                List<String> won = answers.entrySet().stream().filter(e -> e.getValue().equals(wonLine))
                        .map(Map.Entry::getKey).toList();
                assertEquals(1, won.size(), "round " + round + ": exactly one winner: " + answers);
                String winner = AliasRaceMain.version(won.get(0), round);
                for (Map.Entry<String, String> e : answers.entrySet()) {
                    if (!e.getKey().equals(won.get(0))) {
                        assertEquals("lost " + round + " alias race@champion points at " + winner + " now, not at "
                                + expected + ": someone moved it meanwhile; nothing was changed", e.getValue(),
                                "round " + round + ": the loser is told where the alias points now");
                    }
                }
                winners.add(winner);
                expected = winner;
            }
            for (ChildProcess c : children) {
                c.quit();
            }
        } finally {
            children.forEach(ChildProcess::kill);
        }

        try (JooqRunRepository repo = JooqRunRepository.open(store)) {
            List<AliasChange> history = repo.registry().history(AliasRaceMain.MODEL);
            assertEquals(1 + ROUNDS, history.size(), "the first set and one row per win");
            String from = "base";
            for (int round = 0; round < ROUNDS; round++) {
                AliasChange row = history.get(round + 1);
                String where = "history row of round " + round;
                assertEquals(AliasAction.PROMOTE, row.action(), where);
                assertEquals(Optional.of(from), row.fromVersion(), where);
                assertEquals(Optional.of(winners.get(round)), row.toVersion(), where);
                assertEquals(winners.get(round).substring(0, 1), row.actor(), where + ": moved by the winner");
                assertEquals("round " + round, row.reason(), where);
                from = winners.get(round);
            }
            Alias now = repo.registry().alias(AliasRaceMain.MODEL, AliasRaceMain.ALIAS).orElseThrow();
            assertEquals(history.get(history.size() - 1).toVersion().orElseThrow(), now.version());
            assertEquals(repo.findByModelVersion(now.version()).orElseThrow().id(), now.runId());
        }
    }

    private static TrainingRun succeeded(JooqRunRepository repo, String version, Instant at) {
        TrainingRun run = repo.start(WriterSpecs.spec(AliasRaceMain.MODEL, version));
        return repo.succeed(run.id(), RunRepositoryContract.outcome(0.8), at.plusSeconds(1));
    }
}
