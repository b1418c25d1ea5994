package dev.grove.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --every}: a positive period as {@code 90s}, {@code 30m}, {@code 6h}, {@code 1d}, or ISO-8601 ({@code PT6H}). */
final class PeriodConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid(value);
        }
        return d;
    }

    /** A period as it would be written: {@code 90s}, {@code 15m}, {@code 6h}, {@code 1d}, else ISO-8601. */
    static String describe(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0 || s <= 0) {
            return d.toString();
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + Printable.of(value) + "' is not a period; write e.g. 30m, 6h or 1d "
                + "(s, m, h, d), or ISO-8601 such as PT6H");
    }
}
