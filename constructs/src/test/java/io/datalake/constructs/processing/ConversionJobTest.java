package io.datalake.constructs.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalake.constructs.TestLake;
import io.datalake.core.Tier;
import io.datalake.core.update.UpdateEvents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ConversionJobTest {
    static ProcessingFixture fixture;
    static Template template;
    static TestLake lake;

    @BeforeAll
    static void synth() {
        fixture = ProcessingFixture.get();
        template = fixture.template;
        lake = fixture.lake;
    }

    @Test
    void theRunnerConvertsOnGlueManyUpdatesAtOnce() {
        template.hasResourceProperties("AWS::Glue::Job", Map.of(
                "Name", "acme-datalake-dev-convert",
                "ExecutionProperty", Map.of("MaxConcurrentRuns", ConversionJobProps.DEFAULT_MAX_CONCURRENT_RUNS),
                "Timeout", ConversionJobProps.DEFAULT_TIMEOUT_MINUTES,
                "SecurityConfiguration", "acme-datalake-dev-convert",
                "DefaultArguments", Match.objectLike(Map.of("--command", "convert", "--class", SparkPipelineJob.RUNNER_CLASS,
                        "--registry", "dynamodb", "--events", "eventbridge"))));
        // Its logs may hold values of any tier: they get the key of the most protected one.
        template.hasResourceProperties("AWS::Glue::SecurityConfiguration", Map.of("Name", "acme-datalake-dev-convert",
                "EncryptionConfiguration", Match.objectLike(Map.of("CloudWatchEncryption", Map.of(
                        "CloudWatchEncryptionMode", "SSE-KMS", "KmsKeyArn", lake.arnOf(lake.storage.tier(Tier.SENSITIVE).key()))))));
    }

    @Test
    void ingestsRawCompleteEventStartsAConversionOfThatUpdate() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("datalake.ingest"),
                        "detail-type", List.of("Update raw-complete"),
                        "detail", Map.of("env", List.of("dev"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", lake.logicalId(fixture.conversion.starter())))))));
        JsonNode definition = Cfn.definition(template, lake.logicalId(fixture.conversion.starter()));
        JsonNode convert = definition.get("States").get("Convert");
        assertThat(convert.get("Resource").asText()).endsWith(":states:::glue:startJobRun.sync");
        assertThat(convert.get("Parameters").get("JobName").asText()).isEqualTo("acme-datalake-dev-convert");
        assertThat(convert.get("Parameters").get("Arguments").get("--dataset.$").asText()).isEqualTo("$.detail.dataset");
        assertThat(convert.get("Parameters").get("Arguments").get("--update.$").asText()).isEqualTo("$.detail.update");
        assertThat(convert.get("Retry").get(0).get("ErrorEquals")).extracting(JsonNode::asText)
                .containsExactly("Glue.ConcurrentRunsExceededException");
    }

    @Test
    void listensToTheSourceTheIngestServiceAnnouncesOn() {
        // The ingest function is told its source by the IngestService construct; the rule must match it.
        assertThat(UpdateEvents.INGEST_SOURCE).isEqualTo(io.datalake.constructs.ingest.IngestService.EVENT_SOURCE);
    }

    @Test
    void writesDataAndManifestsButCannotDeleteOrRewriteRawFiles() {
        Set<String> put = new TreeSet<>();
        Set<String> delete = new TreeSet<>();
        for (Map<String, Object> statement : fixture.statements(fixture.conversion.role())) {
            List<?> actions = statement.get("Action") instanceof List<?> l ? l : List.of(statement.get("Action"));
            Object resource = statement.get("Resource");
            for (Object r : resource instanceof List<?> list ? list : List.of(resource)) {
                if (actions.contains("s3:PutObject")) {
                    put.add(Cfn.text(r));
                }
                if (actions.contains("s3:DeleteObject")) {
                    delete.add(Cfn.text(r));
                }
            }
        }
        assertThat(put).allSatisfy(r -> assertThat(r).matches(".*/\\*/(data|updates)/\\*|.*/glue-temp/convert/\\*"));
        assertThat(delete).allSatisfy(r -> assertThat(r).matches(".*/\\*/data/\\*|.*/glue-temp/convert/\\*"));
        assertThat(put).hasSize(Tier.values().length * 2 + 1);
    }
}
