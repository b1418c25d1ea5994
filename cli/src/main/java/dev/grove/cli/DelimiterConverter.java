package dev.grove.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --delimiter}: one character, or a tab written as {@code \t} or {@code tab} (a shell hands
 * {@code '\t'} over as backslash and t; {@code $'\t'} as the tab itself).
 */
final class DelimiterConverter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
        if (value.length() == 1) {
            return value.charAt(0);
        }
        if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
            return '\t';
        }
        throw new TypeConversionException("'" + Printable.of(value) + "' is not one character; give one, e.g. ';', "
                + "or \\t (or tab, or $'\\t' in bash) for a tab");
    }
}
