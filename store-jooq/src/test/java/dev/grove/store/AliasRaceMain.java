package dev.grove.store;

import dev.grove.AliasConflictException;
import dev.grove.registry.AliasAction;
import dev.grove.registry.AliasChange;
import dev.grove.registry.ModelRegistry;
import dev.grove.run.TrainingRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of the processes of {@link AliasRaceTest}: {@code AliasRaceMain <store> <name> <rounds>}.
 * Opens the store, prints {@code ready}, then for each line {@code go <round> <expected version>
 * <start at, epoch ms>} read from stdin waits for that instant and tries to move
 * {@code race@champion} from the expected version to its own version {@code <name>-<round>},
 * printing {@code won <round>} or {@code lost <round> <the conflict's message>}. {@code quit} ends it.
 * Anything else that goes wrong ends it with exit code 1.
 */
public final class AliasRaceMain {
    static final String MODEL = "race";
    static final String ALIAS = "champion";

    private AliasRaceMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[1];
        int rounds = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (JooqRunRepository repo = JooqRunRepository.open(args[0])) {
            ModelRegistry registry = repo.registry();
            List<TrainingRun> mine = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                mine.add(repo.findByModelVersion(version(name, i)).orElseThrow());
            }
            out.println("ready");
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] go = line.split(" ");
                int round = Integer.parseInt(go[1]);
                String expected = go[2];
                long startAt = Long.parseLong(go[3]);
                TrainingRun challenger = mine.get(round);
                AliasChange change = new AliasChange(0, MODEL, ALIAS, AliasAction.PROMOTE, Optional.of(expected),
                        Optional.of(challenger.modelVersion()), name, Instant.now(), "round " + round, Optional.empty());
                while (System.currentTimeMillis() < startAt) {
                    Thread.onSpinWait(); // both processes leave this loop at the same instant
                }
                try {
                    registry.changeAlias(MODEL, ALIAS, Optional.of(expected), Optional.of(challenger), change);
                    out.println("won " + round);
                } catch (AliasConflictException e) {
                    out.println("lost " + round + " " + e.getMessage());
                }
            }
        }
    }

    static String version(String name, int round) {
        return name + "-" + round;
    }
}
