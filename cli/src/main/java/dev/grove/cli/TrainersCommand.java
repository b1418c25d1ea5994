package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove trainers}: what ServiceLoader finds on the classpath. */
@Command(name = "trainers", mixinStandardHelpOptions = true,
        description = "List the trainers on the classpath, with their library versions.")
final class TrainersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        TrainerRegistry registry = TrainerRegistry.load();
        List<Trainer> all = registry.all();
        String preferred = all.isEmpty() ? "" : registry.defaultTrainer().name();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(all.stream().map(t -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.name());
                m.put("version", t.version());
                m.put("default", t.name().equals(preferred));
                m.put("class", t.getClass().getName());
                m.put("description", t.description());
                return m;
            }).toList()));
        } else if (all.isEmpty()) {
            registry.defaultTrainer(); // throws the message naming the modules to add
        } else {
            int name = all.stream().mapToInt(t -> t.name().length()).max().orElse(0);
            int version = all.stream().mapToInt(t -> t.version().length()).max().orElse(0);
            for (Trainer t : all) {
                out.printf("%-" + name + "s  %-" + version + "s  %s%s%n", Printable.of(t.name()),
                        Printable.of(t.version()), Printable.of(t.description()),
                        t.name().equals(preferred) ? " (default)" : "");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
