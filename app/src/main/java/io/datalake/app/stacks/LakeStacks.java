package io.datalake.app.stacks;

import io.datalake.core.LakeNames;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/** What every stack of an environment shares: its name, account and region, and the org and env tags. */
final class LakeStacks {
    private LakeStacks() {
    }

    /** Stack props in the environment's account (or account-agnostic) and region. */
    static StackProps props(LakeNames names, String stackName, String description) {
        return StackProps.builder()
                .stackName(stackName)
                .description(description)
                .env(software.amazon.awscdk.Environment.builder()
                        .account(names.environment().account().orElse(null))
                        .region(names.environment().region())
                        .build())
                .build();
    }

    /** Tags every resource of the stack with its org and environment. */
    static void tag(Stack stack, LakeNames names) {
        Tags.of(stack).add("datalake:org", names.environment().org());
        Tags.of(stack).add("datalake:env", names.environment().name());
    }
}
