package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A CSV cell's number must be exactly the double {@link Double#parseDouble} gives, whatever path reads it. */
class NumberSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+0.0", "-0.000", "1", "-1.5", "1.900511", "0.1", "0.3", "123456789012345",
            "9007199254740992", "9007199254740993", "12345678901234567890", "0.000000000000000000001234",
            "1e22", "1e23", "1E-22", "1e-23", "4.35", "2.5e3", "-7.25E+2", "5.", ".5", "00012.500",
            "1e999", "-1e999", "1e-999", "4.9e-324", "1.7976931348623157e308", "123456789e-30",
            "0.1234567890123456789012345", "1e0000000000000000000000001"})
    void readsEveryDecimalAsParseDoubleDoes(String text) {
        assertBitsEqual(Double.parseDouble(text), NumberSyntax.parseDecimal(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0,0", "1,5", "-7,25E+2", "5,", ",5", "0,1", "0,3", "4,35", "1,900511",
            "9007199254740993,5", "0,1234567890123456789012345", "1e23", "123456789e-30", "1,7976931348623157e308"})
    void readsDecimalCommasAsParseDoubleReadsTheDotForm(String text) {
        assertBitsEqual(Double.parseDouble(text.replace(',', '.')), NumberSyntax.parseDecimal(text, ','), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1,5,0", "1,,5", ",", "1.5,0", "1 5"})
    void withADecimalCommaAPointIsNotANumber(String text) {
        assertTrue(Double.isNaN(NumberSyntax.parseDecimal(text, ',')), text);
    }

    @Test
    void agreesWithParseDoubleOnRandomDecimalCommas() {
        Random rnd = new Random(20261201);
        for (int t = 0; t < 100_000; t++) {
            String text = randomDecimal(rnd);
            assertBitsEqual(Double.parseDouble(text), NumberSyntax.parseDecimal(text.replace('.', ','), ','), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x10", "1d", "1f",
            "NaN", "Infinity", "-inf", "1_000", "١٢"})
    void refusesWhatIsNotAPlainDecimal(String text) {
        assertTrue(Double.isNaN(NumberSyntax.parseDecimal(text)), text);
        assertEquals(false, NumberSyntax.isDecimal(text), text);
    }

    @Test
    void aHugeExponentIsNotBroughtBackByZerosAfterThePoint() {
        String text = "0." + "0".repeat(99_990) + "1e1000000"; // 1e999_990 in fact: infinite
        assertBitsEqual(Double.parseDouble(text), NumberSyntax.parseDecimal(text), "0.000…01e1000000");
        String small = "1" + "0".repeat(99_990) + "e-1000000";  // 1e-900_010: zero
        assertBitsEqual(Double.parseDouble(small), NumberSyntax.parseDecimal(small), "100…0e-1000000");
    }

    @Test
    void agreesWithParseDoubleOnRandomDecimals() {
        Random rnd = new Random(20261127);
        for (int t = 0; t < 200_000; t++) {
            String text = randomDecimal(rnd);
            assertEquals(true, NumberSyntax.isDecimal(text), text);
            assertBitsEqual(Double.parseDouble(text), NumberSyntax.parseDecimal(text), text);
        }
    }

    private static String randomDecimal(Random rnd) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextInt(3) == 0) {
            sb.append(rnd.nextBoolean() ? '-' : '+');
        }
        int whole = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 6 : 22);
        for (int i = 0; i < whole; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        int fraction = whole == 0 ? 1 + rnd.nextInt(20) : rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(20);
        if (fraction > 0 || rnd.nextInt(10) == 0) {
            sb.append('.');
        }
        for (int i = 0; i < fraction; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        if (rnd.nextInt(4) == 0) {
            sb.append(rnd.nextBoolean() ? 'e' : 'E');
            if (rnd.nextBoolean()) {
                sb.append(rnd.nextBoolean() ? '-' : '+');
            }
            sb.append(rnd.nextInt(rnd.nextBoolean() ? 30 : 400));
        }
        return sb.toString();
    }

    private static void assertBitsEqual(double expected, double actual, String text) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                text + ": expected " + expected + " but read " + actual);
    }
}
