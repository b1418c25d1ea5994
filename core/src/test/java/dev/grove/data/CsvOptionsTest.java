package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvOptionsTest {
    @Test
    void optionsComeBackFromTheirRecordedForm() {
        CsvOptions o = CsvOptions.defaults().withDelimiter(';').withDecimal(',').withMissingTokens(Set.of("-", ""))
                .withLabel("y").withInclude(List.of("a", "b")).withExclude(List.of("c")).withCategorical(Set.of("b"));
        assertEquals(o, CsvOptions.fromDescription(o.describe()));
        assertEquals(CsvOptions.defaults(), CsvOptions.fromDescription(CsvOptions.defaults().describe()));
        assertEquals(CsvOptions.defaults(), CsvOptions.fromDescription(java.util.Map.of("format", "csv")),
                "what an older record lacks keeps its default");
    }
}
