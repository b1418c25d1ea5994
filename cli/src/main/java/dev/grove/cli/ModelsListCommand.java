package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.registry.Alias;
import dev.grove.registry.ModelSummary;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove models list}: every model name, its versions and aliases. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the models: versions and aliases.")
final class ModelsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        List<ModelSummary> models;
        try (RunRepository runs = store.openExisting()) {
            models = RegistryAccess.of(runs).list();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(models.stream().map(ModelsListCommand::json).toList()));
        } else if (models.isEmpty()) {
            out.println("No models yet: 'grove train' records one (named after its dataset, or --name).");
        } else {
            int width = Math.max(5, models.stream().mapToInt(m -> m.name().length()).max().orElse(0));
            out.printf("%-" + width + "s  %8s  %9s  %-24s  %s%n", "MODEL", "VERSIONS", "SUCCEEDED", "LATEST", "ALIASES");
            for (ModelSummary m : models) {
                long ok = m.runs().stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count();
                out.printf("%-" + width + "s  %8d  %9d  %-24s  %s%n", Printable.of(m.name()), m.runs().size(), ok,
                        Cells.fit(Printable.of(m.runs().isEmpty() ? "-" : m.runs().get(0).modelVersion()), 24),
                        Printable.of(aliases(m.aliases())));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String aliases(List<Alias> aliases) {
        return aliases.isEmpty() ? "-" : aliases.stream().map(a -> a.alias() + "=" + a.version())
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Object> json(ModelSummary m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", m.name());
        j.put("versions", m.runs().stream().map(TrainingRun::modelVersion).toList());
        j.put("aliases", m.aliases().stream().map(RegistryViews::alias).toList());
        return j;
    }
}
