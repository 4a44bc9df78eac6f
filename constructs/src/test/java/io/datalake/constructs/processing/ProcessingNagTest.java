package io.datalake.constructs.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** Every processing construct passes cdk-nag's AwsSolutions checks; each suppression is narrow and reasoned. */
class ProcessingNagTest {
    @Test
    void cdkNagFindsNoUnsuppressedErrorOrWarning() {
        ProcessingFixture fixture = ProcessingFixture.get();
        Annotations annotations = Annotations.fromStack(fixture.lake.stack);
        assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }
}
