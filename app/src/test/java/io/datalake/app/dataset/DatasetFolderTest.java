package io.datalake.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFolderTest {
    static final Path EXAMPLES = Path.of("..", "dataset-templates", "examples");

    @Test
    void loadsEveryFileOfTheFolder() {
        assertThat(DatasetFolder.load(EXAMPLES)).extracting(DatasetSpec::name)
                .containsExactly("daily_sales", "hr_employees", "sales_orders", "web_events");
    }

    @Test
    void reportsTheProblemsOfEveryFileAtOnce(@TempDir Path dir) throws IOException {
        Files.copy(EXAMPLES.resolve("sales_orders.yaml"), dir.resolve("a.yaml"));
        Files.copy(EXAMPLES.resolve("sales_orders.yaml"), dir.resolve("b.yaml"));
        Files.writeString(dir.resolve("c.yaml"), "name: c_dataset\ntier: public\n");
        assertThatThrownBy(() -> DatasetFolder.load(dir))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining(dir.resolve("b.yaml") + ":4: dataset 'sales_orders' collides with dataset 'sales_orders': both"
                        + " are named 'sales_orders' (declared at " + dir.resolve("a.yaml") + ":4); rename one of them")
                .hasMessageContaining(dir.resolve("c.yaml") + ":2: tier must be one of internal, restricted, sensitive, but 'public' was given");
    }

    @Test
    void failsForAMissingFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> DatasetFolder.load(dir.resolve("nope")))
                .hasMessage("datasets folder " + dir.resolve("nope") + " does not exist");
    }
}
