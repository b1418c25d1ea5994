package dev.grove.server;

import dev.grove.Grove;
import dev.grove.NotFoundException;
import dev.grove.InvalidRequestException;
import dev.grove.registry.LiveModel;
import dev.grove.registry.ModelNames;
import dev.grove.run.TrainingRun;
import dev.grove.train.TrainedModel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models predictions are served from, loaded once and kept: {@code NAME@ALIAS} through the
 * registry's {@link LiveModel} (it follows the alias: polled every {@code poll}, and refreshed at
 * once when this server moves the alias), a version through a small cache (a version's model
 * never changes). No request reloads a model file.
 */
final class LiveModels implements AutoCloseable {
    /** Versions kept loaded; the least recently used is dropped beyond this. */
    private static final int VERSIONS = 16;

    /** A model and the run it came from, taken together so an answer names the version that predicted it. */
    record Served(TrainingRun run, TrainedModel model) {
    }

    private final Grove grove;
    private final Duration poll;
    private final Map<String, LiveModel> aliases = new ConcurrentHashMap<>();
    private final Map<String, Served> versions = new LinkedHashMap<>(VERSIONS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Served> eldest) {
            return size() > VERSIONS;
        }
    };
    private boolean closed;

    LiveModels(Grove grove, Duration poll) {
        this.grove = grove;
        this.poll = poll;
    }

    /**
     * What {@code model} ({@code @ALIAS} or a version of {@code name}) names, loaded.
     *
     * @throws NotFoundException when the model, alias or version does not exist
     */
    Served serve(String name, String model) {
        ModelNames.requireName(name);
        if (model == null || model.isBlank()) {
            throw new ApiException(400, "say which model predicts: ?model=@ALIAS (e.g. @production) or ?model=VERSION");
        }
        String m = model.trim();
        return m.startsWith("@") ? alias(name, ModelNames.requireAlias(m.substring(1))) : version(name, m);
    }

    private Served alias(String name, String alias) {
        String key = name + "@" + alias;
        LiveModel live = aliases.get(key);
        if (live == null) {
            LiveModel opened = grove.live(key); // NotFoundException when the model or alias is absent
            synchronized (this) {
                if (closed) {
                    opened.close();
                    throw new ApiException(503, "the server is stopping");
                }
                live = aliases.putIfAbsent(key, opened);
                if (live == null) {
                    live = opened;
                    live.pollEvery(poll);
                } else {
                    opened.close();
                }
            }
        }
        // run() and model() are read separately: read the run on both sides so both come from one version
        while (true) {
            TrainingRun before = live.run();
            TrainedModel m = live.model();
            if (live.run() == before) {
                return new Served(before, m);
            }
        }
    }

    private Served version(String name, String version) {
        String key = name + "/" + version;
        synchronized (versions) {
            Served s = versions.get(key);
            if (s != null) {
                return s;
            }
        }
        TrainingRun run = grove.models().resolve("version:" + version);
        if (!run.spec().modelName().equals(name)) {
            throw new InvalidRequestException("version " + version + " belongs to model " + run.spec().modelName()
                    + ", not " + name);
        }
        Served loaded = new Served(run, grove.models().load("id:" + run.id()).model());
        synchronized (versions) {
            versions.put(key, loaded);
        }
        return loaded;
    }

    /** After this server moved one of {@code name}'s aliases: load the new versions now rather than at the next poll. */
    void refresh(String name) {
        aliases.forEach((key, live) -> {
            if (key.startsWith(name + "@")) {
                live.refresh();
            }
        });
    }

    /** After this server deleted an alias: stop serving it (a live model would keep its last version). */
    void forget(String name, String alias) {
        LiveModel live = aliases.remove(name + "@" + alias);
        if (live != null) {
            live.close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        aliases.values().forEach(LiveModel::close);
        aliases.clear();
    }
}
