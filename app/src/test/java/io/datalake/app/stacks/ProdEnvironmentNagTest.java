package io.datalake.app.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The prod environment differs in settings (alarm e-mail, retention): it must stay compliant too. */
class ProdEnvironmentNagTest {

    @Test
    void prodIsCompliantAndMailsAlarms() {
        App app = TestApps.app("prod");
        EnvironmentStack stack = LakeApp.build(app);
        app.synth();
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "data-platform@example.com"));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-datalake-prod-internal-eu-west-1",
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(java.util.List.of(Match.objectLike(Map.of(
                        "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 365))))))));
    }
}
