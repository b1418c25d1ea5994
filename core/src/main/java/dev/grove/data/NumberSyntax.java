package dev.grove.data;

/**
 * Decides whether a cell is a plain decimal number, and reads it. {@link Double#parseDouble} alone
 * would also take {@code 1d}, {@code 0x1p3}, {@code NaN} and {@code Infinity}, which are not numbers
 * in a CSV.
 */
final class NumberSyntax {
    private NumberSyntax() {
    }

    /** True for {@code [+-]? digits [. digits] [(e|E) [+-]? digits]} with at least one mantissa digit. */
    static boolean isDecimal(String s) {
        return !Double.isNaN(parseDecimal(s)); // no decimal reads as NaN
    }

    /**
     * The value of a plain decimal ({@link #isDecimal}), or NaN when {@code s} is not one (no decimal
     * is NaN). Same result as {@link Double#parseDouble}, bit for bit: a mantissa of at most 2^53
     * with a power of ten of at most 22 is exact in doubles, so one multiplication or division
     * rounds it correctly (Clinger's fast path, which covers almost every cell of a real CSV);
     * anything else goes to {@code parseDouble}.
     */
    static double parseDecimal(String s) {
        return parseDecimal(s.toCharArray(), 0, s.length());
    }

    /** {@link #parseDecimal(String)} with {@code point} as the decimal separator. */
    static double parseDecimal(String s, char point) {
        return parseDecimal(s.toCharArray(), 0, s.length(), point);
    }

    /** {@link #parseDecimal(String)} of the chars {@code a[from, to)}. */
    static double parseDecimal(char[] a, int from, int to) {
        return parseDecimal(a, from, to, '.');
    }

    /**
     * {@link #parseDecimal(String)} of the chars {@code a[from, to)}, with {@code point} as the
     * decimal separator ({@code 5,1} with {@code ','}): the same double as {@code parseDouble} of
     * the text with a {@code '.'} in its place.
     */
    static double parseDecimal(char[] a, int from, int to, char point) {
        int n = to;
        int i = from;
        boolean negative = false;
        if (i < n && (a[i] == '+' || a[i] == '-')) {
            negative = a[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int significant = 0;  // digits from the first non-zero one: at most 18 fit a long
        int scale = 0;        // digits after the point
        for (; i < n && isDigit(a[i]); i++, digits++) {
            mantissa = accumulate(mantissa, a[i], significant);
            significant += significant > 0 || a[i] != '0' ? 1 : 0;
        }
        if (i < n && a[i] == point) {
            for (i++; i < n && isDigit(a[i]); i++, digits++, scale++) {
                mantissa = accumulate(mantissa, a[i], significant);
                significant += significant > 0 || a[i] != '0' ? 1 : 0;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < n && (a[i] == 'e' || a[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (a[i] == '+' || a[i] == '-')) {
                negativeExponent = a[i] == '-';
                i++;
            }
            int expDigits = 0;
            for (; i < n && isDigit(a[i]); i++, expDigits++) {
                exponent = Math.min(exponent * 10 + (a[i] - '0'), EXPONENT_CAP);
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != n) {
            return Double.NaN;
        }
        int power = exponent - scale;
        // a capped exponent is no longer the value's (zeros after the point can bring it back in range)
        if (significant > 18 || mantissa > (1L << 53) || power < -22 || power > 22 || exponent == EXPONENT_CAP
                || exponent == -EXPONENT_CAP) {
            return Double.parseDouble(new String(a, from, to - from).replace(point, '.')); // one point at most: checked above
        }
        double v = power >= 0 ? (double) mantissa * POWERS_OF_TEN[power] : (double) mantissa / POWERS_OF_TEN[-power];
        return negative ? -v : v;
    }

    /** Exponents are read up to this; beyond it {@code parseDouble} decides. */
    private static final int EXPONENT_CAP = 100_000;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    };

    /** {@code mantissa * 10 + digit} while that fits (18 significant digits); past it the value no longer matters. */
    private static long accumulate(long mantissa, char digit, int significant) {
        return significant < 18 ? mantissa * 10 + (digit - '0') : mantissa;
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
