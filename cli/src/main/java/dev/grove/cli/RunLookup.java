package dev.grove.cli;

import dev.grove.GroveException;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import java.util.Optional;

/**
 * Finds a run by what a user typed: all digits is a run id, anything else a model version (Grove
 * refuses all-digit versions, so the two never meet). {@code id:N} and {@code version:V} say which
 * explicitly; {@code version:V} reaches runs an older Grove recorded under an all-digit version;
 * {@code NAME@ALIAS} names the version an alias points at.
 */
final class RunLookup {
    static final String ID = "id:";
    static final String VERSION = "version:";

    private RunLookup() {
    }

    static TrainingRun find(RunRepository runs, String typed) {
        String s = typed.trim();
        if (s.contains("@")) {
            return RegistryAccess.of(runs).resolve(s); // NAME@ALIAS: the version the alias points at now
        }
        if (s.startsWith(VERSION)) {
            return byVersion(runs, s.substring(VERSION.length()));
        }
        String id = s.startsWith(ID) ? s.substring(ID.length()) : s;
        if (!id.matches("\\d{1,18}")) {
            if (s.startsWith(ID)) {
                throw new GroveException("'" + Printable.of(typed) + "' is not a run id; ids are whole numbers (see "
                        + "'grove runs list')");
            }
            return byVersion(runs, s);
        }
        Optional<TrainingRun> byId = runs.findById(Long.parseLong(id));
        if (byId.isPresent()) {
            return byId.get();
        }
        String hint = runs.findByModelVersion(id).isPresent()
                ? "; a run has the model version '" + id + "': name it version:" + id
                : "; see 'grove runs list'";
        throw new GroveException("no run with id " + id + " in " + runs.location() + hint);
    }

    private static TrainingRun byVersion(RunRepository runs, String version) {
        return runs.findByModelVersion(version).orElseThrow(() -> new GroveException("no run with model version '"
                + Printable.of(version) + "' in " + runs.location() + "; see 'grove runs list'"));
    }
}
