package io.datalake.constructs.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;

class LakeFunctionPropsTest {
    private static LakeFunctionProps.Builder valid() {
        Stack stack = new Stack(new App(), "Test");
        return LakeFunctionProps.builder().functionName("acme-datalake-dev-api").description("api")
                .code(Code.fromInline("x")).handler("H").timeout(Duration.seconds(29))
                .logKey(Key.Builder.create(stack, "Key").build());
    }

    @Test
    void reservesNoConcurrencyUnlessAsked() {
        assertThat(valid().build().reservedConcurrency()).isNull();
        assertThat(valid().reservedConcurrency(20).build().reservedConcurrency()).isEqualTo(20);
    }

    @Test
    void failsForOutOfRangeReservedConcurrencyOrWithoutALogKey() {
        assertThatThrownBy(() -> valid().reservedConcurrency(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reservedConcurrency must be between 1 and 1000, but 0 was given");
        assertThatThrownBy(() -> valid().logKey(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("logKey is required");
    }
}
