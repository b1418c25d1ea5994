package dev.grove.examples;

import dev.grove.Grove;
import dev.grove.retrain.DriftRule;
import dev.grove.retrain.RetrainPolicy;
import dev.grove.retrain.RetrainScheduler;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The original feature's planned "automated retraining triggers", in an application: every so
 * often, retrain a model when its data changed or drifted (or nightly), and let the promotion gate
 * decide whether the new model replaces the production one. Every check is recorded in the model's
 * trigger history ({@code grove retrain --history NAME}).
 *
 * <pre>./mvnw -q -pl examples exec:java -Dexec.mainClass=dev.grove.examples.RetrainingJob -Dexec.args="grove.db future_skills 15"</pre>
 */
public final class RetrainingJob {
    private RetrainingJob() {
    }

    /** Checks {@code model}'s production version now and then every {@code period}, until closed. */
    static RetrainScheduler schedule(Grove grove, String model, Duration period) {
        // README:begin
        RetrainPolicy policy = RetrainPolicy.defaults()   // production's data changed: retrain
                .withDrift(DriftRule.DEFAULT)             // its features drifted: retrain
                .withCron("0 3 * * *");                   // 03:00 UTC came round: retrain
        return RetrainScheduler.every(grove.retrainer(), model, policy, period);
        // README:end
    }

    /** Usage: {@code RetrainingJob STORE MODEL PERIOD_MINUTES}. Runs until stopped. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: RetrainingJob STORE MODEL PERIOD_MINUTES");
            System.exit(2);
        }
        try (Grove grove = Grove.open(args[0], Path.of("models"));
             RetrainScheduler job = schedule(grove, args[1], Duration.ofMinutes(Long.parseLong(args[2])))) {
            Thread.currentThread().join();
        }
    }
}
