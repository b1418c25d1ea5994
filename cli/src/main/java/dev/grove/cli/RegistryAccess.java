package dev.grove.cli;

import dev.grove.registry.Models;
import dev.grove.run.RunRepository;
import dev.grove.train.TrainerRegistry;
import java.time.Clock;

/** The registry's rules over an open store, with the trainers on the class path (to load and score models). */
final class RegistryAccess {
    private RegistryAccess() {
    }

    static Models of(RunRepository runs) {
        return new Models(runs, TrainerRegistry.load(), Clock.systemUTC());
    }
}
