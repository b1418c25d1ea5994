package dev.grove.internal;

import dev.grove.run.RunField;
import dev.grove.run.RunOutcome;
import dev.grove.run.TrainingRun;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * The order of {@link RunQuery#orderBy()} for in-memory runs, matching what SQL stores do:
 * runs lacking the value (e.g. no metrics yet) come last either way, ties broken by id.
 */
public final class RunOrdering {
    private RunOrdering() {
    }

    public static Comparator<TrainingRun> comparator(RunField field, boolean descending) {
        Function<TrainingRun, Optional<? extends Comparable<?>>> key = switch (field) {
            case ID -> r -> Optional.of(r.id());
            case STARTED_AT -> r -> Optional.of(r.spec().startedAt());
            case FINISHED_AT -> TrainingRun::finishedAt;
            case ACCURACY -> r -> r.outcome().map(o -> o.evaluation().accuracy());
            case PRECISION -> r -> r.outcome().map(o -> o.evaluation().precisionWeighted());
            case RECALL -> r -> r.outcome().map(o -> o.evaluation().recallWeighted());
            case F1 -> r -> r.outcome().map(o -> o.evaluation().f1Weighted());
            case TRAINING_SECONDS -> r -> r.outcome().map(RunOutcome::trainingSeconds);
            case MODEL_VERSION -> r -> Optional.of(r.modelVersion());
        };
        Comparator<TrainingRun> byValue = (a, b) -> {
            Optional<? extends Comparable<?>> x = key.apply(a);
            Optional<? extends Comparable<?>> y = key.apply(b);
            if (x.isEmpty() || y.isEmpty()) {
                return Boolean.compare(x.isEmpty(), y.isEmpty());
            }
            @SuppressWarnings("unchecked")
            int c = ((Comparable<Object>) x.get()).compareTo(y.get());
            return descending ? -c : c;
        };
        Comparator<TrainingRun> byId = Comparator.comparingLong(TrainingRun::id);
        return byValue.thenComparing(descending ? byId.reversed() : byId);
    }
}
