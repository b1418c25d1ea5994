package dev.grove.internal;

import dev.grove.artifact.LoadedModel;
import dev.grove.artifact.ModelSidecar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.ArtifactException;
import dev.grove.ModelIntegrityException;
import dev.grove.TrainerNotFoundException;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactsTest {
    @TempDir
    Path dir;

    private Dataset data;
    private TrainedModel model;
    private final TrainerRegistry trainers = TrainerRegistry.of(new CentroidTrainer());

    @BeforeEach
    void setUp() {
        data = CsvReader.readDataset(TestData.copy(TestData.IRIS, dir), CsvOptions.defaults());
        model = new CentroidTrainer().fit(data, TrainingParams.defaults(), FitProgress.NONE);
    }

    private ModelSidecar sidecar() {
        return new ModelSidecar(ModelSidecar.FORMAT, "v1", "u", "centroid", "1.0", "now", "species", model.classes(),
                model.encoding().features(), model.params(), Map.of("accuracy", 0.9), "iris.csv", "abc", "", "", Map.of());
    }

    @Test
    void writesModelAndSidecarWithTheModelsHash() throws IOException {
        Path p = dir.resolve("m.bin");
        ModelSidecar written = ModelArtifacts.write(p, model, sidecar());
        assertEquals("m.bin", written.modelFile());
        String sha = dev.grove.internal.Sha256.of(p);
        assertEquals(sha, written.modelSha256());
        LoadedModel loaded = ModelArtifacts.load(p, trainers);
        assertEquals(written, loaded.sidecar());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
                "a model is readable by the service that serves it");
        assertArrayEquals(model.predict(data.features()).predicted(), loaded.predict(data.features()).predicted());
    }

    @Test
    void neverOverwritesAndLeavesNoTemporaryFile() throws IOException {
        Path p = dir.resolve("m.bin");
        Files.writeString(p, "precious");
        assertThrows(ArtifactException.class, () -> ModelArtifacts.write(p, model, sidecar()));
        assertEquals("precious", Files.readString(p));
        assertFalse(Files.exists(ModelArtifacts.sidecarOf(p)));
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothing() throws IOException {
        TrainedModel broken = new DelegatingModel(model) {
            @Override
            public void write(OutputStream out) throws IOException {
                out.write(new byte[1000]);
                throw new IOException("disk full");
            }
        };
        Path p = dir.resolve("m.bin");
        ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifacts.write(p, broken, sidecar()));
        assertTrue(e.getMessage().contains("disk full"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("iris.csv"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void tamperedModelIsRefused() throws IOException {
        Path p = dir.resolve("m.bin");
        ModelArtifacts.write(p, model, sidecar());
        byte[] bytes = Files.readAllBytes(p);
        bytes[bytes.length - 1] ^= 1;
        Files.write(p, bytes);
        String m = assertThrows(ModelIntegrityException.class, () -> ModelArtifacts.load(p, trainers)).getMessage();
        assertTrue(m.contains("does not match its sidecar (SHA-256"), m);
    }

    @Test
    void missingSidecarOrUnknownTrainerIsRefused() throws IOException {
        Path p = dir.resolve("m.bin");
        ModelArtifacts.write(p, model, sidecar());
        assertThrows(TrainerNotFoundException.class, () -> ModelArtifacts.load(p, TrainerRegistry.of()));
        Files.delete(ModelArtifacts.sidecarOf(p));
        assertTrue(assertThrows(ModelIntegrityException.class, () -> ModelArtifacts.load(p, trainers)).getMessage()
                .contains("has no sidecar"));
    }

    @Test
    void sidecarOfAnotherModelIsRefused() throws IOException {
        Path a = dir.resolve("a.bin");
        ModelArtifacts.write(a, model, sidecar());
        Dataset other = CsvReader.readDataset(TestData.copy(TestData.FUTURE_SKILLS, dir), CsvOptions.defaults());
        TrainedModel otherModel = new CentroidTrainer().fit(other, TrainingParams.defaults(), FitProgress.NONE);
        Path b = dir.resolve("b.bin");
        ModelArtifacts.write(b, otherModel, new ModelSidecar(ModelSidecar.FORMAT, "v2", "u", "centroid", "1.0", "now",
                "y", otherModel.classes(), otherModel.encoding().features(), Map.of(), Map.of(), "", "", "", "", Map.of()));
        // Put b's bytes with a's sidecar, hash updated so only the content check can tell.
        Files.copy(b, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelSidecar sa = GroveJson.reader(ModelSidecar.class).readValue(ModelArtifacts.sidecarOf(a).toFile());
        ModelSidecar forged = sa.withModel("a.bin", dev.grove.internal.Sha256.of(a));
        GroveJson.writer().writeValue(ModelArtifacts.sidecarOf(a).toFile(), forged);
        assertTrue(assertThrows(ModelIntegrityException.class, () -> ModelArtifacts.load(a, trainers)).getMessage()
                .contains("does not match its sidecar's classes or features"));
    }

    @Test
    void sweepsTemporaryFilesOfDeadWritersOnly() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path dead = Files.createFile(dir.resolve(".m.bin." + p.pid() + ".123456." + "grove-tmp"));
        Path alive = Files.createFile(dir.resolve(".m.bin." + ProcessHandle.current().pid() + ".99.grove-tmp"));
        Path foreign = Files.createFile(dir.resolve("notes.grove-tmp"));
        assertEquals(1, ModelArtifacts.sweepTemporaryFiles(dir));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(alive));
        assertTrue(Files.exists(foreign));
    }

    /** Forwards everything to another model; tests override one method. */
    private static class DelegatingModel implements TrainedModel {
        private final TrainedModel m;

        DelegatingModel(TrainedModel m) {
            this.m = m;
        }

        public String trainerName() {
            return m.trainerName();
        }

        public List<String> classes() {
            return m.classes();
        }

        public dev.grove.train.FeatureEncoding encoding() {
            return m.encoding();
        }

        public Map<String, Object> params() {
            return m.params();
        }

        public dev.grove.train.Predictions predict(dev.grove.data.Table rows) {
            return m.predict(rows);
        }

        public void write(OutputStream out) throws IOException {
            m.write(out);
        }
    }
}
