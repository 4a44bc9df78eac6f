package io.datalake.locallake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class DemoDataTest {
    static DatasetSpec example(String name) {
        return DatasetFiles.load(Path.of("..", "dataset-templates", "examples", name + ".yaml"));
    }

    @Test
    void salesOrdersAreGzippedCsvWithTheSchemasColumns() throws Exception {
        DemoData.Delivery delivery = DemoData.delivery(example("sales_orders"), 3);
        assertThat(delivery.fileName()).isEqualTo("sales_orders-demo.csv.gz");
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(delivery.bytes())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text.lines()).containsExactly(
                "order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country",
                "1000,1,2026-11-01,product_sku-0,1,1.25,1.25,DE",
                "1001,2,2026-11-02,product_sku-1,2,2.25,2.25,FR",
                "1002,3,2026-11-03,product_sku-2,3,3.25,3.25,IT");
    }

    @Test
    void eventsAreJsonLinesAndHrIsAZippedSemicolonCsv() throws Exception {
        DemoData.Delivery events = DemoData.delivery(example("web_events"), 2);
        assertThat(events.fileName()).endsWith(".jsonl.gz");
        DemoData.Delivery hr = DemoData.delivery(example("hr_employees"), 2);
        assertThat(hr.fileName()).isEqualTo("hr_employees-demo.zip");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(hr.bytes()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("hr_employees-demo.csv");
            String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text.lines().findFirst().orElseThrow()).contains(";");
            assertThat(text.lines()).hasSize(3);
        }
    }

    @Test
    void aDatasetAPipelineWritesGetsNoDeliveryButTheDroppedOnesDo() {
        // The demo onboards every example; daily_sales is Parquet written by the daily_sales pipeline.
        assertThat(DemoData.supports(example("daily_sales"))).isFalse();
        assertThat(DemoData.supports(example("sales_orders"))).isTrue();
        assertThat(DemoData.supports(example("web_events"))).isTrue();
        assertThat(DemoData.supports(example("hr_employees"))).isTrue();
        assertThatThrownBy(() -> DemoData.delivery(example("daily_sales"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("daily_sales is parquet");
    }
}
