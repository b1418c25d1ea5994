package dev.grove.server;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.run.RunRepository;
import dev.grove.sample.SampleData;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real server for a test: a SQLite store (or the store given) and a models folder under
 * {@code dir}, a data folder holding the future-skills sample as {@code skills.csv}, Smile and
 * the {@link GatedTrainer}, on a free loopback port, with a known token.
 */
final class TestServer implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef";

    final Path dir;
    final Path data;
    final Path models;
    final GatedTrainer gated = new GatedTrainer();
    final RunRepository runs;
    final Grove grove;
    final GroveServer server;
    final Http http;

    TestServer(Path dir) throws Exception {
        this(dir, b -> b);
    }

    TestServer(Path dir, UnaryOperator<GroveServer.Builder> settings) throws Exception {
        this(dir, "jdbc:sqlite:" + dir.resolve("runs.db"), settings);
    }

    TestServer(Path dir, String store, UnaryOperator<GroveServer.Builder> settings) throws Exception {
        this.dir = dir;
        this.data = Files.createDirectories(dir.resolve("data"));
        this.models = dir.resolve("models");
        SampleData.futureSkills(data.resolve("skills.csv"));
        this.runs = RunRepository.open(store);
        this.grove = Grove.builder().runs(runs).modelsDir(models)
                .trainers(TrainerRegistry.of(TrainerRegistry.load().get("smile"), gated,
                        new dev.grove.testing.TableTrainer())).build();
        this.server = settings.apply(GroveServer.builder(grove).port(0).dataDir(data).token(TOKEN)).start();
        this.http = new Http(server.uri());
    }

    /** Trains in-process (not through the API), as another Grove process sharing the store would. */
    TrainingResult train(String name, String version, int trees) {
        return grove.train(TrainingRequest.of(data.resolve("skills.csv")).withModelName(name).withModelVersion(version)
                .withParams(TrainingParams.defaults().withNEstimators(trees)));
    }

    /** A client that sends the token. */
    Http writer() {
        return new Http(server.uri()).token(TOKEN);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            runs.close();
        }
    }
}
