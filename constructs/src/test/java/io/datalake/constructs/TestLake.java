package io.datalake.constructs;

import io.datalake.constructs.storage.LakeBucket;
import io.datalake.constructs.storage.LakeBucketProps;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.constructs.storage.TieredStorageProps;
import io.datalake.core.Environment;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeNames;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.IConstruct;

/** A stack with the lake's environment-independent basics, for construct tests. */
public final class TestLake {
    public final LakeNames names;
    public final Stack stack;
    public final LakeBucket accessLogs;
    public final TieredStorage storage;

    public TestLake(EnvironmentSettings settings, Map<String, Object> context) {
        this.names = new LakeNames(Environment.builder().org("acme").name("dev").region("eu-west-1")
                .settings(settings).build());
        App app = new App(AppProps.builder().context(context).build());
        this.stack = new Stack(app, "Test", StackProps.builder()
                .env(software.amazon.awscdk.Environment.builder().region("eu-west-1").build()).build());
        this.accessLogs = new LakeBucket(stack, "AccessLogs", LakeBucketProps.builder()
                .bucketName(names.accessLogBucket()).accessLogTarget(true).build());
        this.storage = new TieredStorage(stack, "Storage", TieredStorageProps.builder()
                .names(names).accessLogBucket(accessLogs.bucket()).build());
    }

    public TestLake() {
        this(EnvironmentSettings.defaults(), Map.of());
    }

    /** The CloudFormation logical id of a construct's main resource. */
    public String logicalId(IConstruct construct) {
        IConstruct child = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return stack.resolve(((CfnElement) child).getLogicalId()).toString();
    }

    /** {@code {"Fn::GetAtt": [id, "Arn"]}}. */
    public Map<String, Object> arnOf(IConstruct construct) {
        return Map.of("Fn::GetAtt", java.util.List.of(logicalId(construct), "Arn"));
    }
}
