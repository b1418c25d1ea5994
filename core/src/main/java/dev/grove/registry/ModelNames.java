package dev.grove.registry;

import dev.grove.InvalidRequestException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules for model names and alias names, and the default name of a model trained without one. */
public final class ModelNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+[\"`\\[]?([A-Za-z_][\\w.]*)");

    private ModelNames() {
    }

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128, never all digits. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.matches("\\d+")) {
            throw new InvalidRequestException("model name '" + name + "' must start with a letter or digit and use only "
                    + "letters, digits, '.', '_' and '-' (at most 128, not all digits)");
        }
        return name;
    }

    /**
     * Lower-case letters, digits, '_' and '-', starting with a letter, at most 64 ({@code production},
     * {@code champion}, {@code staging-eu}): never a run id nor a timestamp version. (An alias that
     * equals an existing model version is refused where aliases are set.)
     */
    public static String requireAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new InvalidRequestException("alias '" + alias + "' must start with a lower-case letter and use only "
                    + "lower-case letters, digits, '_' and '-' (at most 64), e.g. production or champion");
        }
        return alias;
    }

    /**
     * The name a model gets when none is given: the dataset's file name without its extension
     * ({@code data/future_skills.csv} → {@code future_skills}), or the in-memory dataset's name
     * ({@code memory:iris} → {@code iris}), or the first table a query reads
     * ({@code jdbc:sqlite:app.db :: SELECT … FROM staff …} → {@code staff}), or an external table's last
     * path segment ({@code s3a://lake/skills.parquet/} → {@code skills}); characters a name cannot
     * hold become '_'.
     */
    public static String defaultFor(String datasetPath) {
        String base = datasetPath == null ? "" : datasetPath;
        int query = base.indexOf(" :: ");
        if (query > 0) {
            // URL :: SELECT …: the first table the query reads from
            Matcher from = FROM.matcher(base.substring(query + 4));
            base = from.find() ? from.group(1).substring(from.group(1).lastIndexOf('.') + 1) : "query";
        }
        int colon = base.indexOf(':');
        if (colon > 1 && !base.contains("/") && !base.contains("\\")) {
            base = base.substring(colon + 1); // memory:NAME, jdbc:NAME
        }
        base = base.replace('\\', '/');
        base = base.replaceAll("/+$", ""); // a table's folder of parts: s3a://lake/skills.parquet/
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isEmpty() || !Character.isLetterOrDigit(clean.charAt(0)) || clean.matches("\\d+")) {
            clean = "model_" + clean;
        }
        return clean.length() > 128 ? clean.substring(0, 128) : clean;
    }
}
