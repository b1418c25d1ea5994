package dev.grove.cli;

/**
 * Text from a run store or a file, made safe to print on a terminal: control characters (ESC,
 * line breaks, C1 codes, bidirectional overrides) are shown escaped as {@code \n}, {@code \u001b},
 * … so a note, a header name or a file name can neither rewrite another user's terminal nor break
 * a table's layout. JSON output is not passed through here: it stays exact.
 */
final class Printable {
    private Printable() {
    }

    static String of(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = escape(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                out.append(escaped != null ? escaped : String.valueOf(c));
            }
        }
        return out == null ? s : out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return null;
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') // bidi embeddings, isolates
                || c == '\u200e' || c == '\u200f' || c == '\u061c';                     // bidi marks
        return control ? String.format("\\u%04x", (int) c) : null;
    }
}
