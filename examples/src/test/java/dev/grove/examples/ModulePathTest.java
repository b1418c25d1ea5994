package dev.grove.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grove's jars as Java modules: core exports only its API packages and shares its internals with
 * Grove's own modules alone; each trainer provides the trainer service; an app on the class path
 * trains, predicts and reloads with Grove on the module path, and cannot reach the internals.
 */
class ModulePathTest {
    /** The jars Grove core and its trainers need, as found on this test's class path. */
    private static final List<String> MODULE_JARS = List.of("grove-core-", "grove-trainer-smile-",
            "grove-trainer-tribuo-", "jackson-", "slf4j-api-", "smile-", "tribuo-", "olcut-", "protobuf-java-",
            "commons-csv-", "commons-io-", "commons-codec-", "parso-", "cron-utils-");

    @TempDir
    Path dir;

    private static List<Path> moduleJars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().endsWith(".jar") && !p.getFileName().toString().contains("-tests"))
                .filter(p -> MODULE_JARS.stream().anyMatch(prefix -> p.getFileName().toString().startsWith(prefix)))
                .toList();
    }

    @Test
    void coreExportsItsApiAndSharesItsInternalsWithGrovesModulesOnly() {
        ModuleDescriptor core = ModuleFinder.of(moduleJars().toArray(Path[]::new)).find("dev.grove.core")
                .orElseThrow().descriptor();
        Set<String> open = core.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("dev.grove", "dev.grove.artifact", "dev.grove.data", "dev.grove.eval", "dev.grove.registry",
                "dev.grove.retrain", "dev.grove.run", "dev.grove.sample", "dev.grove.train"), open);
        for (ModuleDescriptor.Exports e : core.exports()) {
            if (e.source().startsWith("dev.grove.internal")) {
                assertTrue(e.isQualified() && e.targets().stream().allMatch(t -> t.startsWith("dev.grove.")), e.toString());
            }
        }
        assertEquals(Set.of("dev.grove.train.Trainer", "dev.grove.run.RunStoreProvider"), core.uses());
        for (String trainer : List.of("dev.grove.trainer.smile", "dev.grove.trainer.tribuo")) {
            ModuleDescriptor d = ModuleFinder.of(moduleJars().toArray(Path[]::new)).find(trainer).orElseThrow().descriptor();
            assertEquals(List.of("dev.grove.train.Trainer"), d.provides().stream().map(ModuleDescriptor.Provides::service)
                    .toList(), trainer);
            assertTrue(d.exports().isEmpty(), trainer + " exports nothing: apps reach it through the service only");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"smile", "tribuo"})
    void anAppOnTheClassPathTrainsWithGroveOnTheModulePath(String trainer) throws Exception {
        String modulePath = moduleJars().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        String classPath = Path.of(ModulePathMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH", "-cp", classPath,
                ModulePathMain.class.getName(), dir.toString(), trainer).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("trainers: [smile, tribuo]"), out);
        assertTrue(out.contains("trained " + trainer + " SUCCEEDED, predicted "), out);
        assertTrue(out.contains("reloaded [MEDIUM, HIGH, LOW]"), out);
        assertTrue(out.contains("internal: closed"), out);
        assertTrue(out.contains("module: dev.grove.core"), out);
    }
}
