package dev.grove.data;

import dev.grove.InvalidRequestException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to read a CSV file.
 *
 * @param delimiter     field separator
 * @param decimal       decimal separator of numbers: {@code '.'} ({@code 5.1}) or {@code ','} ({@code 5,1},
 *                      as spreadsheets write numbers in much of Europe, with {@code ';'} between fields)
 * @param missingTokens cell texts that mean "missing" (compared after trimming)
 * @param label         the label column; empty means the last column
 * @param include       feature columns to keep; empty means every column but the label
 * @param exclude       columns to leave out of the features
 * @param categorical   columns to read as categorical even when every value is a number
 */
public record CsvOptions(char delimiter, char decimal, Set<String> missingTokens, Optional<String> label,
                         List<String> include, List<String> exclude, Set<String> categorical) {

    public static final Set<String> DEFAULT_MISSING_TOKENS = Set.of("", "NA", "?");

    public CsvOptions {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new InvalidRequestException("the CSV delimiter cannot be " + (delimiter == '"' ? "'\"' (it quotes values)"
                    : "a line break (it ends rows)") + "; use ',', ';', a tab or another character");
        }
        if (decimal != '.' && decimal != ',') {
            throw new InvalidRequestException("the decimal separator must be '.' or ',', got '" + decimal + "'");
        }
        if (decimal == delimiter) {
            throw new InvalidRequestException("the decimal separator '" + decimal + "' cannot also be the field "
                    + "delimiter; files with decimal commas separate fields with ';' (or a tab): set that delimiter too");
        }
        missingTokens = Set.copyOf(missingTokens);
        Objects.requireNonNull(label, "label");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        categorical = Set.copyOf(categorical);
    }

    /** Comma-separated, decimal point, missing = empty, {@code NA} or {@code ?}, label = last column, every other column a feature. */
    public static CsvOptions defaults() {
        return new CsvOptions(',', '.', DEFAULT_MISSING_TOKENS, Optional.empty(), List.of(), List.of(), Set.of());
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, decimal, missingTokens, label, include, exclude, categorical);
    }

    /** Numbers written with this decimal separator ({@code '.'} or {@code ','}); set a delimiter other than it first. */
    public CsvOptions withDecimal(char d) {
        return new CsvOptions(delimiter, d, missingTokens, label, include, exclude, categorical);
    }

    public CsvOptions withMissingTokens(Set<String> tokens) {
        return new CsvOptions(delimiter, decimal, tokens, label, include, exclude, categorical);
    }

    public CsvOptions withLabel(String name) {
        return new CsvOptions(delimiter, decimal, missingTokens, Optional.of(name), include, exclude, categorical);
    }

    public CsvOptions withInclude(List<String> names) {
        return new CsvOptions(delimiter, decimal, missingTokens, label, names, exclude, categorical);
    }

    public CsvOptions withExclude(List<String> names) {
        return new CsvOptions(delimiter, decimal, missingTokens, label, include, names, categorical);
    }

    public CsvOptions withCategorical(Set<String> names) {
        return new CsvOptions(delimiter, decimal, missingTokens, label, include, exclude, names);
    }

    /**
     * Options back from {@link #describe()} (a run record's {@code read_options}), to read the same
     * file the same way again; what the description lacks keeps its default.
     */
    public static CsvOptions fromDescription(Map<String, ?> d) {
        CsvOptions o = defaults();
        o = o.withDelimiter(oneChar(d.get("delimiter"), o.delimiter()));
        o = o.withDecimal(oneChar(d.get("decimal"), o.decimal()));
        if (d.get("missing_tokens") instanceof java.util.Collection<?> tokens) {
            o = o.withMissingTokens(tokens.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()));
        }
        if (d.get("label") != null) {
            o = o.withLabel(String.valueOf(d.get("label")));
        }
        o = o.withInclude(strings(d.get("features"))).withExclude(strings(d.get("exclude")));
        return o.withCategorical(new java.util.HashSet<>(strings(d.get("categorical"))));
    }

    private static char oneChar(Object v, char dflt) {
        return v instanceof String s && s.length() == 1 ? s.charAt(0) : dflt;
    }

    private static List<String> strings(Object v) {
        return v instanceof java.util.Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
    }

    /** These options as plain values with stable order, for a run record. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delimiter", String.valueOf(delimiter));
        m.put("decimal", String.valueOf(decimal));
        m.put("missing_tokens", new TreeSet<>(missingTokens));
        label.ifPresent(l -> m.put("label", l));
        if (!include.isEmpty()) {
            m.put("features", include);
        }
        if (!exclude.isEmpty()) {
            m.put("exclude", exclude);
        }
        if (!categorical.isEmpty()) {
            m.put("categorical", new TreeSet<>(categorical));
        }
        return m;
    }
}
