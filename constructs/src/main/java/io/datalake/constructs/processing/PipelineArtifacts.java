package io.datalake.constructs.processing;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.checks.Suppressions;
import java.util.List;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The code pipelines run, in the environment's artifact bucket: the shaded runner jar under
 * {@value #RUNNER_PREFIX} (named by its content hash, so a new jar is a new object and a running job
 * keeps its own), and each pipeline's folder under {@code pipelines/<name>/}. Uploads go through the
 * CDK's bucket deployment, run by one role and one log group of this construct for every upload of
 * the stack, so no AWS-managed policy is involved.
 */
public class PipelineArtifacts extends Construct {
    /** Where the runner jar goes in the artifact bucket. */
    public static final String RUNNER_PREFIX = "runner/";
    /** The upload log group's name under {@code LakeNames.platformLogGroup}. */
    public static final String UPLOAD_LOG_GROUP = "artifact-uploads";
    /** Where pipeline folders go in the artifact bucket: {@code pipelines/<name>/}. */
    public static final String PIPELINES_PREFIX = "pipelines/";

    private final IBucket bucket;
    private final Role uploadRole;
    private final LogGroup uploadLogs;
    private final BucketDeployment runnerJar;

    public PipelineArtifacts(Construct scope, String id, PipelineArtifactsProps props) {
        super(scope, id);
        this.bucket = props.artifactBucket();
        this.uploadRole = Role.Builder.create(this, "UploadRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Uploads pipeline code to " + props.names().artifactBucket())
                .build();
        this.uploadLogs = LogGroup.Builder.create(this, "UploadLogs")
                .logGroupName(props.names().platformLogGroup(UPLOAD_LOG_GROUP))
                .encryptionKey(bucket.getEncryptionKey())
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        uploadLogs.grantWrite(uploadRole);
        this.runnerJar = upload("RunnerJar", List.of(Source.asset(props.runnerJar().toString())), RUNNER_PREFIX, false);
    }

    /**
     * Uploads sources to a folder of the artifact bucket; extracted, and pruned so that a file taken
     * out of a pipeline folder is taken out of the bucket too.
     */
    public BucketDeployment uploadFolder(String id, List<ISource> sources, String prefix) {
        return upload(id, sources, prefix, true);
    }

    private BucketDeployment upload(String id, List<ISource> sources, String prefix, boolean extract) {
        BucketDeployment deployment = BucketDeployment.Builder.create(this, id)
                .destinationBucket(bucket)
                .destinationKeyPrefix(prefix)
                .sources(sources)
                .extract(extract)
                .prune(extract)
                .role(uploadRole)
                .logGroup(uploadLogs)
                .build();
        suppressUploadFindings();
        return deployment;
    }

    /** {@code s3://<artifacts>/runner/<hash>.jar}: what Glue and EMR Serverless run. */
    public String runnerJarUri() {
        return "s3://" + bucket.getBucketName() + "/" + RUNNER_PREFIX + Fn.select(0, runnerJar.getObjectKeys());
    }

    /** {@code s3://<artifacts>/<prefix>}. */
    public String uri(String prefix) {
        return "s3://" + bucket.getBucketName() + "/" + prefix;
    }

    public IBucket bucket() {
        return bucket;
    }

    /**
     * Lets a job read the runner jar and one folder: {@code s3:GetObject} on {@code runner/*} and
     * {@code <prefix>*}, {@code s3:ListBucket} limited to them, and the platform key through S3.
     */
    public Grant grantRead(IGrantable grantee, String prefix) {
        return Grants.readPrefix(this, grantee, bucket, bucket.getEncryptionKey(), RUNNER_PREFIX)
                .combine(Grants.readPrefix(this, grantee, bucket, bucket.getEncryptionKey(), prefix));
    }

    /** The construct whose role uploads: it is granted the artifact bucket and the asset bucket. */
    public Role uploadRole() {
        return uploadRole;
    }

    /**
     * The CDK's upload function is a singleton of the stack, outside this construct; its findings
     * are what that function needs to copy from the CDK's asset bucket into the artifact bucket.
     */
    private void suppressUploadFindings() {
        Stack stack = Stack.of(this);
        stack.getNode().getChildren().stream()
                .filter(c -> c.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .forEach(handler -> {
                    Suppressions.add(handler, "AwsSolutions-L1", "The CDK's bucket deployment function"
                            + " pins its own Python runtime; it runs only during deployments.", List.of());
                    String deployOnly = "The CDK's bucket deployment function runs only when CloudFormation deploys"
                            + " this stack, invoked by it synchronously, one at a time, and needs no network of its own.";
                    for (String rule : List.of("LambdaConcurrency", "LambdaDLQ", "LambdaInsideVPC")) {
                        Suppressions.addHipaaNist(handler, rule, deployOnly);
                    }
                });
        String region = Token.isUnresolved(stack.getRegion()) ? "<AWS::Region>" : stack.getRegion();
        Suppressions.add(uploadRole, "AwsSolutions-IAM5", "The CDK's bucket deployment grants itself what copying code"
                + " needs: read on the CDK's asset bucket, write on the artifact bucket (delete for pruning a pipeline"
                + " folder), and the KMS data-key actions of the artifact bucket's key. Nothing else can use the role.",
                List.of("Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Action::s3:DeleteObject*",
                        "Action::s3:Abort*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*",
                        NagFindings.resource(this, bucket.arnForObjects("*")),
                        "Resource::arn:<AWS::Partition>:s3:::cdk-" + DefaultStackSynthesizer.DEFAULT_QUALIFIER + "-assets-"
                                + Suppressions.account(this) + "-" + region + "/*"));
    }
}
