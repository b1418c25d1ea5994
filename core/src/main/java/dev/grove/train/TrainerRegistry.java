package dev.grove.train;

import dev.grove.TrainerNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainers on the classpath, found by {@link ServiceLoader}. Like SLF4J's provider lookup:
 * zero trainers is one clear message naming the modules to add; several is fine and listed.
 */
public final class TrainerRegistry {
    /** Preferred, in this order, when no trainer is named and several are present. */
    public static final List<String> PREFERRED = List.of("smile", "tribuo");

    static final String NO_TRAINER = "no Grove trainer is on the classpath; add one of the modules "
            + "dev.grove:grove-trainer-smile (GPL-3) or dev.grove:grove-trainer-tribuo (Apache-2), "
            + "or your own implementation of dev.grove.train.Trainer listed in META-INF/services";

    private static final Logger LOG = LoggerFactory.getLogger(TrainerRegistry.class);

    private final Map<String, Trainer> byName;

    private TrainerRegistry(List<Trainer> trainers) {
        Map<String, Trainer> m = new LinkedHashMap<>();
        trainers.stream().sorted(Comparator.comparing(Trainer::name)).forEach(t -> {
            Trainer first = m.putIfAbsent(t.name(), t);
            if (first != null) {
                LOG.warn("two trainers are named '{}': {} and {}; using the first", t.name(),
                        first.getClass().getName(), t.getClass().getName());
            }
        });
        this.byName = m;
    }

    /** Trainers visible to the thread's context class loader. */
    public static TrainerRegistry load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : TrainerRegistry.class.getClassLoader());
    }

    public static TrainerRegistry load(ClassLoader loader) {
        List<Trainer> found = new ArrayList<>();
        ServiceLoader<Trainer> sl = ServiceLoader.load(Trainer.class, loader);
        var it = sl.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("skipping a trainer that could not be loaded: {}", e.getMessage());
            }
        }
        return new TrainerRegistry(found);
    }

    /** A registry of exactly these trainers (tests, embedding without ServiceLoader). */
    public static TrainerRegistry of(Trainer... trainers) {
        return new TrainerRegistry(List.of(trainers));
    }

    /** All trainers, by name. */
    public List<Trainer> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Trainer> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The named trainer, or an error listing the ones available. */
    public Trainer get(String name) {
        Trainer t = byName.get(name);
        if (t != null) {
            return t;
        }
        if (byName.isEmpty()) {
            throw new TrainerNotFoundException("unknown trainer '" + name + "': " + NO_TRAINER);
        }
        throw new TrainerNotFoundException("unknown trainer '" + name + "'; available: "
                + String.join(", ", byName.keySet()));
    }

    /** The first of {@link #PREFERRED} present, else the only trainer; an error when none or a choice is needed. */
    public Trainer defaultTrainer() {
        if (byName.isEmpty()) {
            throw new TrainerNotFoundException(NO_TRAINER);
        }
        for (String name : PREFERRED) {
            Trainer t = byName.get(name);
            if (t != null) {
                return t;
            }
        }
        if (byName.size() == 1) {
            return byName.values().iterator().next();
        }
        throw new TrainerNotFoundException("several trainers are available (" + String.join(", ", byName.keySet())
                + "); name one");
    }
}
