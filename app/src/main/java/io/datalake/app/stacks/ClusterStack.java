package io.datalake.app.stacks;

import io.datalake.constructs.cluster.PipelineRunner;
import io.datalake.constructs.cluster.RunnerCluster;
import io.datalake.constructs.cluster.RunnerClusterProps;
import io.datalake.core.LakeNames;
import software.amazon.awscdk.CfnOutput;
import software.constructs.Construct;

/**
 * The runner cluster of an environment ({@code <org>-datalake-<env>-cluster}), deployed when the
 * environment's {@code settings.cluster.enabled} is true: the EKS cluster, its VPC and endpoints,
 * and each pipeline's run queue and Pod Identity role. It stands on its own, so it deploys and is
 * deleted independently of the environment stack. The workloads are applied afterwards from
 * {@code lake k8s render --target eks}.
 */
public class ClusterStack extends software.amazon.awscdk.Stack {
    private final RunnerCluster runners;

    public ClusterStack(Construct scope, String id, ClusterStackProps props) {
        super(scope, id, LakeStacks.props(props.names(), props.names().clusterStack(),
                "Datalake Toolkit runner cluster of " + props.names().environment()));
        LakeNames names = props.names();
        LakeStacks.tag(this, names);

        this.runners = new RunnerCluster(this, "Runners", RunnerClusterProps.builder().names(names).build());

        CfnOutput.Builder.create(this, "ClusterName")
                .description("aws eks update-kubeconfig --name <this> (from inside the VPC: the endpoint is private)")
                .value(runners.cluster().getClusterName())
                .build();
        CfnOutput.Builder.create(this, "RunDeadLetterQueueUrl")
                .description("Run requests that failed repeatedly")
                .value(runners.deadLetterQueue().getQueueUrl())
                .build();
        for (PipelineRunner runner : runners.runners().values()) {
            String prefix = "Pipeline-" + runner.pipeline();
            CfnOutput.Builder.create(this, prefix + "-RunQueueUrl")
                    .description("Send a message here to run pipeline " + runner.pipeline())
                    .value(runner.queue().getQueueUrl())
                    .build();
            CfnOutput.Builder.create(this, prefix + "-RunRoleArn")
                    .description("The role runs of pipeline " + runner.pipeline() + " assume; grant its data access to it")
                    .value(runner.role().getRoleArn())
                    .build();
        }
    }

    public RunnerCluster runners() {
        return runners;
    }
}
