package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grove reads CSV with its own {@link CsvRecords}; every text must come out as Commons CSV's
 * {@code DEFAULT} format (trimmed, empty lines ignored) reads it: the same records, the same
 * cells, the same line numbers, and an error for the same texts.
 */
class CsvRecordsMatchCommonsCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "a,b,y\n1,2,P\n3,4,N\n",
            "a,b,y\r\n1,2,P\r\n3,4,N",                    // CRLF, no line end at the end
            "a,b,y\r1,2,P\r3,4,N\r",                      // old Mac line ends
            "\n\na,b\n\n1,2\n\n\n3,4\n\n",                // blank lines anywhere
            "a,b,c\n1,,3\n,,\n4,5,\n",                    // empty cells, a trailing delimiter
            "a,b,c\n1,2,",                                // a trailing delimiter at the very end
            "a,b\n\"x,y\",2\n\"say \"\"hi\"\"\",3\n",     // quoted delimiters and quotes
            "a,b\n\"line\none\",2\n\"cr\r\nlf\",3\n",     // line breaks inside quotes
            "a,b\n  spaced  , \t tabbed\t\n",             // trimming
            "a,b\n\"q\"  ,2\n  \"x\",3\n",                // spaces after a closing quote; a quote after spaces is text
            "a,b\nmid\"quote,2\n",                        // a quote inside a plain cell is text
            "a\n\"\"\n\"\",\n",                           // empty quoted cells
            "  \n",                                       // a line of spaces is a record of one empty cell
            "",
            "\n\n",
            "a,b\n1,2\n\"open,3\n",                       // never closed
            "a,b\n\"x\"y,2\n",                            // text after a closing quote
            "\uFEFFa,b\n1,2\n",                           // a byte-order mark stays in the first name
    })
    void readsLikeCommonsCsv(String text) {
        assertEquals(commons(text, ','), grove(text, ','), text);
    }

    @Test
    void readsRandomTextsLikeCommonsCsv() {
        Random rnd = new Random(7);
        String[] pieces = {"a", "1.5", "-2", " ", "\t", ",", ";", "\n", "\r\n", "\r", "\"", "\"\"", "x y", "é",
                "\"q,\"", "\"multi\nline\"", "NA", ""};
        for (int t = 0; t < 3000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            char delimiter = rnd.nextInt(4) == 0 ? ';' : rnd.nextInt(4) == 0 ? '\t' : ',';
            assertEquals(commons(text, delimiter), grove(text, delimiter), text);
            assertEquals(commons(text, delimiter), grove(new Trickle(text, rnd.nextInt(5) + 1), delimiter), text);
        }
    }

    @Test
    void readsLongRandomTextsAcrossBufferRefillsLikeCommonsCsv() {
        Random rnd = new Random(11);
        String[] pieces = {"12.5", ",", "\n", "\r\n", "\r", "\"", "\"\"", " ", "abc", "\"x\ny\",", "\"q\" ,"};
        for (int t = 0; t < 12; t++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 150_000) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            assertEquals(commons(text, ','), grove(text, ','));
            assertEquals(commons(text, ','), grove(new Trickle(text, 1 + rnd.nextInt(7_000)), ','));
        }
    }

    /** A reader that hands out at most {@code most} chars per read, as a decoding stream may. */
    private static final class Trickle extends java.io.Reader {
        private final String text;
        private final int most;
        private int at;

        Trickle(String text, int most) {
            this.text = text;
            this.most = most;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (at == text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, most), text.length() - at);
            text.getChars(at, at + n, buf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aCellLongerThanTheBufferAndACrlfAcrossItsEdge() {
        String longCell = "v".repeat(70_000);
        String text = "a,b\r\n" + longCell + ",\"" + longCell + "\n" + longCell + "\"\r\n" + "x".repeat(65_528) + ",y\r\n1,2";
        List<String> read = grove(text, ',');
        assertEquals(commons(text, ','), read);
        assertTrue(read.size() == 4, read.size() + " records");
    }

    /** Each record as "line: cells", or the error once one is thrown. */
    private static List<String> commons(String text, char delimiter) {
        List<String> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            for (CSVRecord r : parser) {
                out.add(parser.getCurrentLineNumber() + ": " + r.toList());
            }
        } catch (IOException | UncheckedIOException e) {
            out.add("error");
        }
        return out;
    }

    private static List<String> grove(String text, char delimiter) {
        return grove(new StringReader(text), delimiter);
    }

    private static List<String> grove(java.io.Reader text, char delimiter) {
        List<String> out = new ArrayList<>();
        CsvRecords records = new CsvRecords(text, delimiter);
        try {
            while (records.next()) {
                out.add(records.line() + ": " + List.of(records.toArray()));
            }
        } catch (IOException e) {
            out.add("error");
        }
        return out;
    }
}
