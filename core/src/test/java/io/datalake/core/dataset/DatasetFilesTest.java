package io.datalake.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.core.AccessLevel;
import io.datalake.core.Tier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every field of a file reaches the model: a field the reader checks but drops would pass the other tests. */
class DatasetFilesTest {

    @Test
    void readsEveryFieldOfTheSalesExample() {
        DatasetSpec spec = DatasetFiles.load(Path.of("..", "dataset-templates", "examples", "sales_orders.yaml"));
        assertThat(spec.name()).isEqualTo("sales_orders");
        assertThat(spec.tier()).isEqualTo(Tier.INTERNAL);
        assertThat(spec.owner()).isEqualTo("sales-data@example.com");
        assertThat(spec.description()).startsWith("One row per order line");
        assertThat(spec.format().type()).isEqualTo(FileType.CSV);
        assertThat(spec.format().delimiter()).isEqualTo(',');
        assertThat(spec.format().header()).isTrue();
        assertThat(spec.format().compression()).isEqualTo(Compression.GZIP);
        assertThat(spec.schema()).extracting(Column::name).containsExactly("order_id", "line_no", "order_date",
                "product_sku", "quantity", "unit_price_eur", "amount_eur", "store_country");
        assertThat(spec.schema().get(5).type()).isEqualTo(ColumnType.decimal(12, 2));
        assertThat(spec.schema().get(0).nullable()).isFalse();
        assertThat(spec.schema().get(0).description()).contains("Order number from the order system.");
        assertThat(spec.partitioning()).containsExactly("order_date");
        assertThat(spec.updateMode()).isEqualTo(UpdateMode.SNAPSHOT);
        assertThat(spec.access().principals(AccessLevel.READ)).extracting(Principal::value)
                .containsExactly("arn:aws:iam::123456789012:role/sales-analysts");
        assertThat(spec.access().principals(AccessLevel.WRITE)).extracting(Principal::roleName).containsExactly("order-system-export");
        assertThat(spec.access().principals(AccessLevel.ADMIN)).hasSize(1);
        assertThat(spec.rawRetentionDays()).hasValue(180);
        assertThat(spec.tags()).containsEntry("cost-center", "4711").containsEntry("source-system", "order-system");
    }
}
