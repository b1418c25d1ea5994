package dev.grove.cli;

import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IVersionProvider;

/** {@code grove --version}: Grove's version, the JVM, and the trainers found. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        String v = GroveCommand.class.getPackage().getImplementationVersion();
        lines.add("grove " + (v != null ? v : "0.1.0-SNAPSHOT"));
        lines.add("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (Trainer t : TrainerRegistry.load().all()) {
            lines.add("trainer " + t.name() + " " + t.version());
        }
        return lines.toArray(String[]::new);
    }
}
