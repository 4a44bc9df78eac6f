package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunnerArgsTest {
    @Test
    void readsAPipelineRunAmongGluesOwnArguments() {
        RunnerArgs args = RunnerArgs.parse(new String[] {"--JOB_NAME", "acme-datalake-dev-daily_sales",
                "--command", "run-pipeline", "--pipeline", "daily_sales",
                "--pipeline-dir", "s3://acme-datalake-dev-artifacts-eu-west-1/pipelines/daily_sales/",
                "--org", "acme", "--env", "dev", "--region", "eu-west-1", "--job-bookmark-option", "job-bookmark-disable",
                "--registry", "dynamodb", "--events", "eventbridge", "--TempDir", "s3://tmp/", "--enable-metrics"});
        assertThat(args.command()).isEqualTo(RunnerArgs.RUN_PIPELINE);
        assertThat(args.pipeline()).isEqualTo("daily_sales");
        assertThat(args.pipelineDir()).isEqualTo("s3://acme-datalake-dev-artifacts-eu-west-1/pipelines/daily_sales/");
        assertThat(args.names().dataBucket(io.datalake.core.Tier.INTERNAL)).isEqualTo("acme-datalake-dev-internal-eu-west-1");
        assertThat(args.storageRoot()).isEqualTo("s3://");
        assertThat(args.registry()).isTrue();
        assertThat(args.events()).isTrue();
        assertThat(args.runId()).isEmpty();
        assertThat(args.tokenKeySecret()).isEmpty();
        assertThat(args.pipelineDatasets()).contains("s3://acme-datalake-dev-artifacts-eu-west-1/pipelines/daily_sales/datasets/");
    }

    @Test
    void readsAConversion() {
        RunnerArgs args = RunnerArgs.parse(new String[] {"--command", "convert", "--dataset", "sales_orders",
                "--update", "2026-11-21T101500Z-3f9a", "--org", "acme", "--env", "dev", "--region", "eu-west-1",
                "--storage-root", "file:/tmp/lake/", "--dataset-specs", "s3://artifacts/datasets/"});
        assertThat(args.dataset()).isEqualTo("sales_orders");
        assertThat(args.update()).isEqualTo(UpdateId.parse("2026-11-21T101500Z-3f9a"));
        assertThat(args.storageRoot()).isEqualTo("file:/tmp/lake/");
        assertThat(args.datasetSpecs()).isEqualTo(Optional.of("s3://artifacts/datasets/"));
        assertThat(args.registry()).isFalse();
        assertThat(args.pipelineDatasets()).isEmpty();
    }

    @Test
    void namesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"--command", "run-pipeline", "--org", "acme", "--env", "dev",
                "--region", "eu-west-1"}))
                .isInstanceOf(LakeConfigException.class).hasMessage("the runner needs --pipeline");
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"--command", "compact", "--org", "acme", "--env", "dev",
                "--region", "eu-west-1"}))
                .hasMessage("--command must be run-pipeline or convert, but 'compact' was given");
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"--command", "convert", "--dataset", "x_data", "--update", "u",
                "--org", "acme", "--env", "dev", "--region", "eu-west-1"}))
                .hasMessageStartingWith("update id must look like");
        assertThatThrownBy(() -> RunnerArgs.parse(new String[] {"--command", "convert", "--dataset", "x_data", "--update",
                "2026-11-21T101500Z-3f9a", "--org", "acme", "--env", "dev", "--region", "eu-west-1", "--registry", "dynamo"}))
                .hasMessage("--registry must be dynamodb or none, but 'dynamo' was given");
    }
}
