package dev.grove.cli;

import dev.grove.GroveException;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import java.util.Optional;

/** Finds a run by the id or model version a user typed. */
final class RunLookup {
    private RunLookup() {
    }

    static TrainingRun find(RunRepository runs, String idOrVersion) {
        Optional<TrainingRun> byVersion = runs.findByModelVersion(idOrVersion);
        if (byVersion.isPresent()) {
            return byVersion.get();
        }
        if (idOrVersion.matches("\\d{1,18}")) {
            Optional<TrainingRun> byId = runs.findById(Long.parseLong(idOrVersion));
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        throw new GroveException("no run with id or model version '" + idOrVersion + "' in " + runs.location()
                + "; see 'grove runs list'");
    }
}
