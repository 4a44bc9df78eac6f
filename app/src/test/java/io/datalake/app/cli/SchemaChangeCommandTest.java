package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.app.lake.LakeConnection;
import io.datalake.core.LakeNames;
import io.datalake.registry.DatasetRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy-dataset --env local compares a redeploy with the registered spec and refuses a breaking change. */
class SchemaChangeCommandTest {
    static final Path SALES = Path.of("..", "dataset-templates", "examples", "sales_orders.yaml");
    static final String CONFIG = TestApps.CDK_JSON.toString();
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment(LakeApp.LOCAL));

    @TempDir
    Path dir;

    CliRun deploy(Path file, String... extra) {
        String[] base = {"deploy-dataset", file.toString(), "--env", "local", "--config", CONFIG, "--dir",
                dir.resolve("lake").toString(), "--out", dir.resolve("out").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.lake(args);
    }

    Path edited(String file, String from, String to) throws IOException {
        String text = Files.readString(SALES);
        assertThat(text).contains(from);
        return Files.writeString(dir.resolve(file), text.replace(from, to));
    }

    String registeredSpec() {
        try (LakeConnection lake = LakeConnection.open(NAMES.environment(), dir.resolve("lake"), r -> null, r -> null)) {
            return new DatasetRegistry(lake.dynamo(), NAMES).find("sales_orders").orElseThrow().spec();
        }
    }

    @Test
    void aBreakingRedeployIsRefusedListingDownstreamsUnlessAllowedAndACompatibleOneIsAccepted() throws IOException {
        Files.createDirectories(dir.resolve("lake"));
        CliRun first = deploy(SALES);
        assertThat(first.exitCode).as(first.out + first.err).isZero();
        try (LakeConnection lake = LakeConnection.open(NAMES.environment(), dir.resolve("lake"), r -> null, r -> null)) {
            new DatasetRegistry(lake.dynamo(), NAMES).addDownstream("sales_orders", "daily_sales");
        }

        // amount_eur narrowed, store_country removed.
        Path breaking = edited("breaking.yaml",
                "    type: decimal(14,2)\n    description: quantity x unit_price_eur.\n  - name: store_country\n"
                        + "    type: string\n    description: ISO 3166-1 alpha-2 code, e.g. DE.\n",
                "    type: decimal(10,2)\n    description: quantity x unit_price_eur.\n");
        CliRun refused = deploy(breaking);
        assertThat(refused.exitCode).as(refused.out + refused.err).isEqualTo(Lake.USER_ERROR);
        assertThat(refused.err.lines().toList()).containsExactly(
                breaking + ":4: dataset 'sales_orders': 2 breaking change(s) to the deployed schema, refused; affected"
                        + " downstream pipeline(s) reading it: daily_sales ("
                        + Path.of("..").toAbsolutePath().normalize().resolve("pipelines/daily_sales/pipeline_config.yaml")
                        + "); dataset(s) the registry records as made from it: daily_sales; deploy with --allow-breaking to accept",
                breaking + ":15: breaking: column 'store_country' (string) removed",
                breaking + ":34: breaking: column 'amount_eur' type narrowed from decimal(14,2) to decimal(10,2)");
        assertThat(registeredSpec()).contains("store_country").contains("decimal(14,2)");

        CliRun allowed = deploy(breaking, "--allow-breaking");
        assertThat(allowed.exitCode).as(allowed.err).isZero();
        assertThat(allowed.out).contains("breaking change accepted (--allow-breaking): column 'store_country' (string) removed")
                .contains("affected downstream pipeline(s) reading it: daily_sales");
        assertThat(registeredSpec()).doesNotContain("store_country").contains("decimal(10,2)");

        Path compatible = Files.writeString(dir.resolve("compatible.yaml"), Files.readString(breaking)
                .replace("type: decimal(10,2)", "type: decimal(16,2)")
                .replace("partitioning:", "  - name: channel\n    type: string\npartitioning:"));
        CliRun accepted = deploy(compatible);
        assertThat(accepted.exitCode).as(accepted.err).isZero();
        assertThat(accepted.out).contains("compatible change: column 'amount_eur' type widened from decimal(10,2) to decimal(16,2)")
                .contains("compatible change: nullable column 'channel' (string) added")
                .contains("registered dataset sales_orders in the local lake");
    }
}
