package io.datalake.constructs.compute;

import io.datalake.constructs.checks.Suppressions;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * A Java Lambda function of the lake: the newest Java runtime on ARM, SnapStart on published
 * versions behind a {@value #ALIAS} alias (callers and event sources use the alias, so they always
 * reach a snapshotted version), its own log group with retention encrypted with a customer-managed key, and a role of its own that may
 * write only to that log group until grants add more; no AWS-managed policy.
 */
public class LakeFunction extends Construct {
    /** The alias event sources and the API invoke. */
    public static final String ALIAS = "live";
    /** The JVM flags every function starts with: C1 only, which shortens the start of short-lived work. */
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final Function function;
    private final Alias alias;
    private final LogGroup logGroup;
    private final Role role;

    public LakeFunction(Construct scope, String id, LakeFunctionProps props) {
        super(scope, id);
        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + props.functionName())
                .retention(props.logRetention())
                .encryptionKey(props.logKey())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + props.functionName())
                .build();
        logGroup.grantWrite(role);
        Map<String, String> environment = new HashMap<>(props.environment());
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        this.function = Function.Builder.create(this, "Resource")
                .functionName(props.functionName())
                .description(props.description())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(props.code())
                .handler(props.handler())
                .timeout(props.timeout())
                .memorySize(props.memoryMb())
                .environment(environment)
                .role(role)
                .logGroup(logGroup)
                .reservedConcurrentExecutions(props.reservedConcurrency())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        this.alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        Suppressions.addHipaaNist(function.getNode().getDefaultChild(), "LambdaInsideVPC", "The lake has no VPC: the"
                + " function calls only AWS APIs over TLS with IAM authorisation, and its role and the bucket and key"
                + " policies scope what it reaches; a VPC would add NAT or endpoints, not narrow that.");
        // The warning asks for published versions: the alias above invokes one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the live alias invokes a published version (currentVersion)");
    }

    /** The function itself (grants go to its role through it). */
    public Function function() {
        return function;
    }

    /** The {@value #ALIAS} alias on the current published version: what event sources and the API invoke. */
    public IFunction alias() {
        return alias;
    }

    public IRole role() {
        return role;
    }

    public ILogGroup logGroup() {
        return logGroup;
    }
}
