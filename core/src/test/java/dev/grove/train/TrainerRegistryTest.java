package dev.grove.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.TrainerNotFoundException;
import dev.grove.testing.CentroidTrainer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerRegistryTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsATrainerListedInMetaInfServices() throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Trainer.class.getName()), "# test\n" + CentroidTrainer.class.getName() + "\n");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            TrainerRegistry r = TrainerRegistry.load(cl);
            assertEquals(List.of("centroid"), r.all().stream().map(Trainer::name).toList());
            assertEquals("centroid", r.defaultTrainer().name());
            assertEquals("centroid", r.get("centroid").name());
        }
    }

    @Test
    void noTrainerNamesTheModulesToAdd() {
        TrainerRegistry empty = TrainerRegistry.of();
        String m = assertThrows(TrainerNotFoundException.class, empty::defaultTrainer).getMessage();
        assertTrue(m.contains("grove-trainer-smile") && m.contains("grove-trainer-tribuo"), m);
    }

    @Test
    void unknownNameListsTheAvailable() {
        TrainerRegistry r = TrainerRegistry.of(new CentroidTrainer());
        String m = assertThrows(TrainerNotFoundException.class, () -> r.get("xgboost")).getMessage();
        assertEquals("unknown trainer 'xgboost'; available: centroid", m);
    }
}
