package dev.grove.data;

/**
 * Decides whether a cell is a plain decimal number. {@link Double#parseDouble} alone would also
 * take {@code 1d}, {@code 0x1p3}, {@code NaN} and {@code Infinity}, which are not numbers in a CSV.
 */
final class NumberSyntax {
    private NumberSyntax() {
    }

    /** True for {@code [+-]? digits [. digits] [(e|E) [+-]? digits]} with at least one mantissa digit. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Text meaning a non-finite value ({@code NaN}, {@code inf}, {@code -Infinity}…), case-insensitive. */
    static boolean isNonFinite(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
