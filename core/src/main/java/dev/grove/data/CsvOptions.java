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
