package io.datalake.pipelines.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.pipelines.model.PipelineValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobFilesTest {
    @Test
    void readsAJobWithDependenciesAndFailurePolicies() {
        JobPipeline job = JobFiles.parse("nightly", "job.yaml", """
                description: The nightly sales chain.
                schedule: cron(0 2 * * ? *)
                pipelines:
                  - pipeline: daily_sales
                    onFailure: retry
                  - pipeline: product_sales
                    onFailure: retry
                    maxRetries: 5
                  - pipeline: sales_report
                    dependsOn: [daily_sales, product_sales]
                    onFailure: continue
                  - pipeline: archive
                    dependsOn: sales_report
                """);

        assertThat(job.name()).isEqualTo("nightly");
        assertThat(job.schedule()).hasValueSatisfying(s -> assertThat(s.expression()).isEqualTo("cron(0 2 * * ? *)"));
        assertThat(job.steps()).containsExactly(
                new JobStep("daily_sales", List.of(), FailurePolicy.RETRY, JobStep.DEFAULT_MAX_RETRIES),
                new JobStep("product_sales", List.of(), FailurePolicy.RETRY, 5),
                new JobStep("sales_report", List.of("daily_sales", "product_sales"), FailurePolicy.CONTINUE, 0),
                new JobStep("archive", List.of("sales_report"), FailurePolicy.HALT, 0));
        assertThat(JobStep.DEFAULT_ON_FAILURE).isEqualTo(FailurePolicy.HALT);
        assertThat(job.levels()).containsExactly(List.of("daily_sales", "product_sales"), List.of("sales_report"),
                List.of("archive"));
    }

    @Test
    void rejectsShortNamesAndACycleNamingEveryPipelineInIt() {
        assertThatThrownBy(() -> JobFiles.parse("loop", "job.yaml", """
                pipelines:
                  - pipeline: a
                    dependsOn: c_pipeline
                  - pipeline: c_pipeline
                    dependsOn: b_pipeline
                  - pipeline: b_pipeline
                    dependsOn: [a]
                """))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessage("job.yaml:2: pipelines[0].pipeline must be 3 to 32 lowercase letters, digits, '_' or '-',"
                        + " starting with a letter and ending with a letter or digit, but 'a' was given\n"
                        + "job.yaml:7: pipelines[2].dependsOn[0] must be 3 to 32 lowercase letters, digits, '_' or '-',"
                        + " starting with a letter and ending with a letter or digit, but 'a' was given");
        assertThatThrownBy(() -> JobFiles.parse("loop", "job.yaml", """
                pipelines:
                  - pipeline: load
                  - pipeline: clean
                    dependsOn: [load, report]
                  - pipeline: enrich
                    dependsOn: clean
                  - pipeline: report
                    dependsOn: enrich
                """))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessage("job.yaml:4: the pipelines depend on each other in a cycle: clean -> report -> enrich -> clean"
                        + " (each depends on the next); remove one of these dependencies");
    }

    @Test
    void reportsEveryMistakeWithItsLine() {
        assertThatThrownBy(() -> JobFiles.parse("nightly", "job.yaml", """
                schedule: at night
                pipelines:
                  - pipeline: daily_sales
                    onFailure: skip
                  - pipeline: daily_sales
                  - pipeline: report
                    dependsOn: [dialy_sales, report]
                  - pipeline: archive
                    onFailure: halt
                    maxRetries: 3
                  - pipline: typo
                """))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessageContaining("job.yaml:1: schedule must be cron(")
                .hasMessageContaining("job.yaml:4: pipelines[0].onFailure must be one of retry, halt, continue, but"
                        + " 'skip' was given")
                .hasMessageContaining("job.yaml:10: pipelines[3].maxRetries applies only to onFailure: retry, but"
                        + " onFailure is halt; remove it")
                .hasMessageContaining("job.yaml:11: unknown field 'pipelines[4].pipline'; did you mean 'pipelines[4].pipeline'?");
        assertThatThrownBy(() -> JobFiles.parse("nightly", "job.yaml", """
                pipelines:
                  - pipeline: daily_sales
                  - pipeline: daily_sales
                  - pipeline: report
                    dependsOn: [dialy_sales, report]
                """))
                .hasMessage("job.yaml:3: pipelines[1].pipeline 'daily_sales' is already listed as pipelines[0]; list each"
                        + " pipeline once\n"
                        + "job.yaml:5: pipelines[2].dependsOn[0] 'dialy_sales' is not a pipeline of this job; it has"
                        + " daily_sales, report\n"
                        + "job.yaml:5: pipelines[2].dependsOn[1] is the pipeline itself, 'report'; a pipeline cannot wait"
                        + " for itself");
    }
}
