package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;


import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DeliveredFormat;
import io.datalake.core.dataset.FileType;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in conversion in Spark's local mode: raw files of one update to typed Parquet. */
class ConversionTest {
    static final DatasetSpec SALES_ORDERS = TestLakeFolder.example("sales_orders");
    static final DatasetSpec WEB_EVENTS = TestLakeFolder.example("web_events");

    @TempDir
    Path dir;
    TestLakeFolder lake;

    @BeforeEach
    void lake() {
        lake = new TestLakeFolder(dir);
    }

    @Test
    void convertsGzippedCsvToParquetWithTheDatasetsSchemaAndCommitsTheUpdate() throws IOException {
        UpdateId update = lake.rawComplete(SALES_ORDERS, Map.of(
                "part-1.csv.gz", gzip("""
                        order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country
                        1,1,2026-11-20,A,2,10.00,20.00,DE
                        1,2,2026-11-20,B,1,5.5,5.50,DE
                        """),
                "part-2.csv.gz", gzip("""
                        order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country
                        2,1,2026-11-21,A,,10.00,,FR
                        """)));
        UpdateManifest raw = lake.manifest(SALES_ORDERS, update);

        RunResult result = new Conversion(lake.context(List.of(SALES_ORDERS), Optional.empty())).convert("sales_orders", update);

        assertThat(result.rows()).isEqualTo(3);
        UpdateManifest complete = lake.manifest(SALES_ORDERS, update);
        assertThat(complete.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(complete.rawFiles()).isEqualTo(raw.rawFiles());
        assertThat(complete.rowCount()).hasValue(3);
        // Partitioned by order_date as the dataset declares, one folder per day.
        assertThat(complete.dataFiles()).extracting(f -> f.path().substring(0, f.path().indexOf('/')))
                .containsOnly("order_date=2026-11-20", "order_date=2026-11-21");
        assertThat(lake.changed).containsExactly(complete);

        // What Athena's Glue table and the local conversion expect: the declared types, in order.
        StructType written = lake.spark.read().parquet(lake.storage.dataFolder(Tier.INTERNAL, "sales_orders", update)).schema();
        assertThat(written.simpleString()).isEqualTo("struct<order_id:bigint,line_no:int,product_sku:string,quantity:int,"
                + "unit_price_eur:decimal(12,2),amount_eur:decimal(14,2),store_country:string,order_date:date>");
        assertThat(lake.rows(SALES_ORDERS, update, "order_id, line_no")).containsExactly(
                RowFactory.create(1L, 1, Date.valueOf("2026-11-20"), "A", 2, new BigDecimal("10.00"), new BigDecimal("20.00"), "DE"),
                RowFactory.create(1L, 2, Date.valueOf("2026-11-20"), "B", 1, new BigDecimal("5.50"), new BigDecimal("5.50"), "DE"),
                RowFactory.create(2L, 1, Date.valueOf("2026-11-21"), "A", null, new BigDecimal("10.00"), null, "FR"));

        // A repeated event or a retried job finds the update complete and leaves it as it is.
        RunResult again = new Conversion(lake.context(List.of(SALES_ORDERS), Optional.empty())).convert("sales_orders", update);
        assertThat(again.rows()).isEqualTo(3);
        assertThat(lake.manifest(SALES_ORDERS, update)).isEqualTo(complete);
        assertThat(lake.changed).hasSize(1);
    }

    @Test
    void convertsJsonLinesWithTimestampsAndBooleans() {
        UpdateId update = lake.rawComplete(WEB_EVENTS, Map.of("events.json", """
                {"event_id":"e1","event_time":"2026-11-21T10:15:00Z","event_type":"click","session_id":"s1","page_path":"/","duration_ms":1200,"is_bot":false}
                {"event_id":"e2","event_time":"2026-11-21T10:16:30Z","event_type":"page_view","is_bot":true}
                """.getBytes(StandardCharsets.UTF_8)));

        new Conversion(lake.context(List.of(WEB_EVENTS), Optional.empty())).convert("web_events", update);

        assertThat(lake.rows(WEB_EVENTS, update, "event_id")).containsExactly(
                RowFactory.create("e1", Timestamp.valueOf("2026-11-21 10:15:00"), "click", "s1", "/", 1200L, false),
                RowFactory.create("e2", Timestamp.valueOf("2026-11-21 10:16:30"), "page_view", null, null, null, true));
    }

    @Test
    void aValueThatDoesNotFitFailsTheUpdateWithTheReason() {
        UpdateId update = lake.rawComplete(SALES_ORDERS, Map.of("bad.csv", ("""
                order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country
                1,1,2026-11-20,A,two,10.00,20.00,DE
                """).getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new Conversion(lake.context(List.of(SALES_ORDERS), Optional.empty()))
                .convert("sales_orders", update))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("update " + update + " of dataset sales_orders does not fit its schema: bad.csv line 2, column"
                        + " quantity: \"two\" is not an int (a whole number from -2147483648 to 2147483647)");
        UpdateManifest failed = lake.manifest(SALES_ORDERS, update);
        assertThat(failed.state()).isEqualTo(UpdateState.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("bad.csv line 2, column quantity: \"two\""));
        assertThat(lake.changed).containsExactly(failed);
    }

    @Test
    void columnsAreMatchedByHeaderNameAndMissingRequiredValuesFailTheUpdate() {
        UpdateId swapped = lake.rawComplete(SALES_ORDERS, Map.of("swapped.csv", ("""
                line_no,order_id,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country
                7,1,2026-11-20,A,2,10.00,20.00,DE
                """).getBytes(StandardCharsets.UTF_8)));
        Conversion conversion = new Conversion(lake.context(List.of(SALES_ORDERS), Optional.empty()));
        conversion.convert("sales_orders", swapped);
        assertThat(lake.rows(SALES_ORDERS, swapped, "order_id")).containsExactly(RowFactory.create(1L, 7,
                Date.valueOf("2026-11-20"), "A", 2, new BigDecimal("10.00"), new BigDecimal("20.00"), "DE"));

        UpdateId unknown = lake.rawComplete(SALES_ORDERS, Map.of("unknown.csv", ("""
                order_id,line_no,order_date,product_sku,qty,unit_price_eur,amount_eur,store_country
                1,1,2026-11-20,A,2,10.00,20.00,DE
                """).getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> conversion.convert("sales_orders", unknown))
                .hasMessageContaining("unknown.csv: the header line does not match the schema of dataset sales_orders: it lacks"
                        + " quantity and has qty, which the dataset does not declare");
        assertThat(lake.manifest(SALES_ORDERS, unknown).state()).isEqualTo(UpdateState.FAILED);

        UpdateId missing = lake.rawComplete(SALES_ORDERS, Map.of("missing.csv", ("""
                order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country
                ,1,2026-11-20,A,2,10.00,20.00,DE
                """).getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> conversion.convert("sales_orders", missing))
                .hasMessage("update " + missing + " of dataset sales_orders does not fit its schema: dataset sales_orders"
                        + " declares nullable: false, but column order_id has no value in 1 row (first at missing.csv line 2)");
        assertThat(lake.manifest(SALES_ORDERS, missing).error()).hasValueSatisfying(e -> assertThat(e).contains("order_id has no"
                + " value in 1 row"));
    }

    @Test
    void refusesUpdatesThatAreNotRawComplete() {
        DatasetSpec untyped = DatasetSpec.builder().name("untyped").tier(Tier.INTERNAL).owner("team-test")
                .description("no schema").format(DeliveredFormat.of(FileType.CSV)).build();
        UpdateId update = lake.rawComplete(untyped, Map.of("a.csv", "x\n1\n".getBytes(StandardCharsets.UTF_8)));
        Conversion conversion = new Conversion(lake.context(List.of(untyped, SALES_ORDERS), Optional.empty()));
        assertThatThrownBy(() -> conversion.convert("untyped", update))
                .hasMessage("dataset untyped declares no schema, so its updates are not converted; ingest completes them"
                        + " as delivered");
        UpdateId unknown = lake.nextId();
        assertThatThrownBy(() -> conversion.convert("sales_orders", unknown))
                .hasMessage("update " + unknown + " of dataset sales_orders has no manifest at sales_orders/updates/"
                        + unknown + ".json");
        assertThatThrownBy(() -> conversion.convert("customers", unknown))
                .hasMessageStartingWith("dataset 'customers' is unknown");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

}
