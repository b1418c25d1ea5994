package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import dev.grove.internal.GroveJson;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An external table is named, labelled and recorded here, and read only by a source trainer. */
class DataInputExternalTest {

    @Test
    void anExternalTableIsRecordedByLocationFormatAndLabel() {
        DataInput in = DataInput.external("s3a://lake/skills/", "parquet").withLabel("future_need_level");
        assertEquals(Optional.of(new ExternalTable("s3a://lake/skills/", "parquet", Optional.of("future_need_level"))),
                in.external());
        assertEquals("{\"format\":\"parquet\",\"location\":\"s3a://lake/skills/\",\"label\":\"future_need_level\"}",
                GroveJson.compact(in.readOptions()));
        assertEquals("s3a://lake/skills/", in.toString());
        assertEquals("{\"format\":\"csv\",\"location\":\"data/t.csv\"}",
                GroveJson.compact(DataInput.external("data/t.csv", "csv").readOptions()));
    }

    @Test
    void anExternalTableIsNeverReadIntoThisJvm() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> DataInput.external("hdfs://nn/skills.csv", "csv").read());
        assertEquals("the dataset hdfs://nn/skills.csv is an external csv table, read where it lives by a source trainer "
                + "such as spark, not into this JVM; train it with a source trainer, or give a CSV file to read it into "
                + "memory", e.getMessage());
        assertTrue(assertThrows(InvalidRequestException.class, () -> DataInput.external("t.csv", "csv")
                .withCsvOptions(CsvOptions.defaults())).getMessage().contains("the external table t.csv"));
    }

    @Test
    void aBadLocationOrFormatIsRefusedWithTheFix() {
        assertTrue(assertThrows(InvalidRequestException.class, () -> DataInput.external(" ", "csv")).getMessage()
                .contains("give a path or URI"));
        assertEquals("unknown dataset format 'orc': use csv or parquet",
                assertThrows(InvalidRequestException.class, () -> DataInput.external("t.orc", "orc")).getMessage());
    }
}
