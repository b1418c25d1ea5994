package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.registry.Alias;
import dev.grove.registry.ModelSummary;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove models show NAME}: a model's aliases and versions. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a model: its aliases and its versions.")
final class ModelsShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Model name (see 'grove models list').")
    String name;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        ModelSummary m;
        try (RunRepository runs = store.openExisting()) {
            m = RegistryAccess.of(runs).show(name.trim());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("name", m.name());
            j.put("aliases", m.aliases().stream().map(RegistryViews::alias).toList());
            j.put("versions", m.runs().stream().map(RunView::of).toList());
            out.println(GroveJson.pretty(j));
        } else {
            out.println("Model " + Printable.of(m.name()));
            out.println("Aliases:");
            if (m.aliases().isEmpty()) {
                out.println("  (none)");
            }
            for (Alias a : m.aliases()) {
                out.printf("  %-12s %-24s since %s by %s%n", Printable.of(a.alias()), Printable.of(a.version()),
                        a.since().toString().substring(0, 19).replace('T', ' '), Printable.of(a.setBy()));
            }
            Map<String, String> aliasOf = m.aliases().stream().collect(Collectors.groupingBy(Alias::version,
                    Collectors.mapping(Alias::alias, Collectors.joining(","))));
            out.println("Versions (newest first):");
            RunsListCommand.print(m.runs(), out);
            for (TrainingRun r : m.runs()) {
                if (aliasOf.containsKey(r.modelVersion())) {
                    out.printf("  %s is %s%n", Printable.of(r.modelVersion()), Printable.of(aliasOf.get(r.modelVersion())));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
