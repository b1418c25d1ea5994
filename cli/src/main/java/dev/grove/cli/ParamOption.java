package dev.grove.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code -P KEY=VALUE} pairs, read with messages that say what is missing (picocli's say "option option"). */
final class ParamOption {
    private ParamOption() {
    }

    static Map<String, String> parse(List<String> pairs, CommandSpec spec) {
        Map<String, String> extras = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "-P '" + Printable.of(pair) + "' has no name; write "
                        + "-P KEY=VALUE, e.g. -P max-bins=64");
            }
            if (eq < 0) {
                throw new ParameterException(spec.commandLine(), "-P " + Printable.of(key) + " has no value; write -P "
                        + Printable.of(key) + "=VALUE");
            }
            extras.put(key, pair.substring(eq + 1).trim());
        }
        return extras;
    }
}
