package io.datalake.constructs.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * Every processing construct (Glue and EMR Serverless pipelines, jobs, the conversion) passes cdk-nag's
 * AwsSolutions, HIPAA Security and NIST 800-53 R5 checks; each suppression is narrow and reasoned. The
 * buckets of the test lake itself are the environment stack's, whose replication findings that stack
 * decides (the app's CompliancePacksTest checks them there).
 */
class ProcessingNagTest {
    private static final List<String> SCAFFOLDING = List.of("/Test/AccessLogs/", "/Test/Artifacts/", "/Test/Storage/");

    @ParameterizedTest
    @ValueSource(strings = {"AwsSolutions-", "HIPAA\\.Security-", "NIST\\.800\\.53\\.R5-"})
    void cdkNagFindsNoUnsuppressedErrorOrWarning(String pack) {
        ProcessingFixture fixture = ProcessingFixture.get();
        Annotations annotations = Annotations.fromStack(fixture.lake.stack);
        assertThat(annotations.findError("*", Match.stringLikeRegexp(pack + ".*")))
                .filteredOn(m -> pack.startsWith("AwsSolutions") || SCAFFOLDING.stream().noneMatch(m.getId()::startsWith))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp(pack + ".*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }
}
