package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which drop keys the lake takes, and the reason it gives for the others. */
class DropKeyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sales_orders/orders.csv.gz                 | sales_orders | orders.csv.gz
            sales_orders/2026/11/21/orders.csv.gz      | sales_orders | orders.csv.gz
            sales_orders/with space é ü.csv            | sales_orders | with space é ü.csv
            sales_orders/日本語のファイル.csv             | sales_orders | 日本語のファイル.csv
            sales_orders/a+b%20c.csv                   | sales_orders | a+b%20c.csv
            sales_orders/_underscore.csv               | sales_orders | _underscore.csv
            sales_orders/no-extension                  | sales_orders | no-extension
            sales_orders/x.gz.gz                       | sales_orders | x.gz.gz
            """)
    void takesKeysOfADatasetFolder(String key, String dataset, String name) {
        assertThat(DropKey.parse(key)).isEqualTo(new DropKey(dataset, name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            orders.csv                          | names no dataset
            /orders.csv                         | names no dataset
            Sales Orders/x.csv                  | is not a dataset name
            ../x.csv                            | is not a dataset name
            .hidden/x.csv                       | is not a dataset name
            sales_orders/../x.csv               | '..' segment
            sales_orders/./x.csv                | '..' segment
            sales_orders//x.csv                 | '..' segment
            sales_orders/a/../../x.csv          | '..' segment
            sales_orders/..                     | '..' segment
            sales_orders/.gz                    | is hidden
            sales_orders/.DS_Store              | is hidden
            sales_orders/2026/.csv              | is hidden
            sales_orders/a..b.csv               | holds '..' or '\\'
            sales_orders/a\\b.csv               | holds '..' or '\\'
            """)
    void quarantinesKeysItCannotStore(String key, String reason) {
        assertThatThrownBy(() -> DropKey.parse(key)).isInstanceOf(DropKey.Refused.class).hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"1", "0", "9", "a", "d", "1b", "7f"})
    void quarantinesControlCharactersAndNamesThem(String hex) {
        char c = (char) Integer.parseInt(hex, 16);
        assertThatThrownBy(() -> DropKey.parse("sales_orders/a" + c + "b.csv")).isInstanceOf(DropKey.Refused.class)
                .hasMessageContaining(String.format("control character U+%04X at position 14", (int) c))
                .hasMessageContaining(String.format("a\\u%04xb.csv", (int) c))
                .satisfies(e -> assertThat(((DropKey.Refused) e).dataset()).isEqualTo("sales_orders"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"255, true", "256, false"})
    void fileNamesAreAtMost255Bytes(int bytes, boolean taken) {
        String name = "é".repeat((bytes - 4) / 2) + (bytes % 2 == 0 ? "" : "x") + ".csv";
        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(bytes);
        if (taken) {
            assertThat(DropKey.parse("sales_orders/" + name).fileName()).isEqualTo(name);
        } else {
            assertThatThrownBy(() -> DropKey.parse("sales_orders/" + name)).hasMessageContaining("256 bytes long; at most 255");
        }
    }
}
