package dev.grove.store;

import dev.grove.retrain.RetrainLedger;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.TriggerEvaluation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One of the processes of {@link LockRaceTest}: {@code LockRaceMain <store> <name>}. Opens the
 * store, prints {@code ready}, then answers lines read from stdin:
 * <ul>
 * <li>{@code go <round> <start at, epoch ms>}: at that instant tries to take the retraining lock of
 *     model {@code race} as holder {@code <name>} (a holder idle for {@link #STALE} counts as
 *     dead), records the evaluation as a retraining would (TRAINED when it got the lock, SKIPPED
 *     when not, reason {@code round <round>}), and prints {@code won <round>} or {@code lost <round>};</li>
 * <li>{@code release <round>}: releases the lock, prints {@code released <round>};</li>
 * <li>{@code quit}: ends.</li>
 * </ul>
 * Anything else that goes wrong ends it with exit code 1.
 */
public final class LockRaceMain {
    static final String MODEL = "race";
    static final Duration STALE = Duration.ofMinutes(1);

    private LockRaceMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[1];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (JooqRunRepository repo = JooqRunRepository.open(args[0])) {
            RetrainLedger ledger = repo.retraining();
            out.println("ready");
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] words = line.split(" ");
                int round = Integer.parseInt(words[1]);
                if (words[0].equals("release")) {
                    ledger.unlock(MODEL, name);
                    out.println("released " + round);
                    continue;
                }
                long startAt = Long.parseLong(words[2]);
                while (System.currentTimeMillis() < startAt) {
                    Thread.onSpinWait(); // both processes leave this loop at the same instant
                }
                Instant now = Instant.now();
                boolean won = ledger.tryLock(MODEL, name, now, now.minus(STALE));
                ledger.record(new TriggerEvaluation(0, MODEL, "champion", now,
                        won ? RetrainOutcome.TRAINED : RetrainOutcome.SKIPPED, List.of(), List.of("round " + round),
                        Map.of("round", round), OptionalLong.empty(), Optional.empty(), name, Optional.empty()));
                out.println((won ? "won " : "lost ") + round);
            }
        }
    }
}
