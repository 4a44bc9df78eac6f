package io.datalake.app.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.cluster.RunnerManifests;
import io.datalake.cluster.Target;
import io.datalake.constructs.cluster.PipelineRunner;
import io.datalake.core.LakeNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdk8s.Testing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.constructs.IConstruct;

/**
 * The runner cluster stack of the test-only environment {@value TestApps#CLUSTER_ENV} (cluster
 * enabled, two pipelines), synthesized once with the environment and the compliance checks, and
 * checked against the EKS manifests rendered for the same environment.
 */
class ClusterStackTest {
    static CloudAssembly assembly;
    static ClusterStack stack;
    static Template template;
    static double synthSeconds;
    static List<Map<String, Object>> manifests = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synth() {
        Path config = TestApps.clusterConfig();
        long start = System.nanoTime();
        App app = TestApps.app(config, TestApps.CLUSTER_ENV);
        LakeApp.build(app);
        assembly = app.synth();
        synthSeconds = (System.nanoTime() - start) / 1e9;
        stack = (ClusterStack) app.getNode().findChild("Cluster");
        template = Template.fromStack(stack);

        LakeNames names = new LakeNames(CdkConfig.read(config).environment(TestApps.CLUSTER_ENV));
        for (var chart : RunnerManifests.addTo(Testing.app(), names, Target.EKS)) {
            Testing.synth(chart).forEach(o -> manifests.add((Map<String, Object>) o));
        }
    }

    private static String id(IConstruct c) {
        IConstruct child = c instanceof CfnElement ? c : c.getNode().getDefaultChild();
        return stack.resolve(((CfnElement) child).getLogicalId()).toString();
    }

    private static Map<String, Object> arn(IConstruct c) {
        return Map.of("Fn::GetAtt", List.of(id(c), "Arn"));
    }

    private static Map<String, Object> manifest(String kind, String name) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))
                        && name.equals(((Map<?, ?>) m.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
    }

    @Test
    void clusterKeySeparatesAdministrationAndLetsCloudWatchLogsEncryptOnlyTheFlowLogs() {
        // Issue 11: the key used to let CloudWatch Logs encrypt any log group with it.
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/datalake/acme-datalake-ops/cluster/flow-logs"));
        Map<String, Object> flowLogs = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":logs:eu-west-1:", Map.of("Ref", "AWS::AccountId"), ":log-group:/datalake/acme-datalake-ops/cluster/flow-logs")));
        Map<String, Object> statement = Map.of("Sid", "FlowLogs", "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"),
                "Condition", Map.of("ArnEquals", Map.of("kms:EncryptionContext:aws:logs:arn", flowLogs)));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(statement))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "KeyAdministration")),
                        Match.objectLike(Map.of("Sid", "UseThroughIam")))))));
        String policies = template.findResources("AWS::KMS::Key").toString();
        assertThat(policies).doesNotContain("Service=logs.eu-west-1.amazonaws.com}, Resource=*}");
    }

    @Test
    void synthesizesWithTheEnvironmentWhenEnabledAndOnItsOwn() {
        assertThat(assembly.getStacks()).extracting(s -> s.getStackName())
                .containsExactlyInAnyOrder("acme-datalake-ops", "acme-datalake-ops-pipelines", "acme-datalake-ops-cluster");
        // Its only dependency is its own asset manifest: nothing from the environment stack.
        assertThat(assembly.getStackByName("acme-datalake-ops-cluster").getDependencies()).extracting(d -> d.getId())
                .doesNotContain(assembly.getStackByName("acme-datalake-ops").getId());
        assertThat(stack.getRegion()).isEqualTo("eu-west-1");
        assertThat(template.toJSON().get("Resources")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).hasSizeLessThan(100);
        System.out.printf("ClusterStackTest: environment and cluster stacks synthesized in %.1f s%n", synthSeconds);
    }

    @Test
    void clusterRunsTheCurrentKubernetesWithAPrivateEndpointAndEveryControlPlaneLog() {
        template.hasResourceProperties("AWS::EKS::Cluster", Map.of(
                "Name", "acme-datalake-ops",
                "Version", "1.36",
                "ResourcesVpcConfig", Match.objectLike(Map.of("EndpointPublicAccess", false, "EndpointPrivateAccess", true)),
                "Logging", Map.of("ClusterLogging", Map.of("EnabledTypes", List.of(Map.of("Type", "api"),
                        Map.of("Type", "audit"), Map.of("Type", "authenticator"), Map.of("Type", "controllerManager"),
                        Map.of("Type", "scheduler")))),
                "EncryptionConfig", List.of(Map.of("Provider", Map.of("KeyArn", arn(stack.runners().key())),
                        "Resources", List.of("secrets")))));
    }

    @Test
    void autoModeRunsKarpenterWithOnlyTheSystemPoolBuiltIn() {
        template.hasResourceProperties("AWS::EKS::Cluster", Map.of(
                "ComputeConfig", Map.of("Enabled", true, "NodePools", List.of("system"),
                        "NodeRoleArn", arn(stack.runners().nodeRole())),
                "StorageConfig", Map.of("BlockStorage", Map.of("Enabled", true)),
                "KubernetesNetworkConfig", Match.objectLike(Map.of("ElasticLoadBalancing", Map.of("Enabled", true)))));
        template.hasResourceProperties("AWS::IAM::Role", Map.of("RoleName", "acme-datalake-ops-eu-west-1-cluster-nodes"));
        template.resourceCountIs("AWS::EC2::NatGateway", 1);
        template.resourceCountIs("AWS::AutoScaling::AutoScalingGroup", 0);
        template.resourceCountIs("AWS::EKS::Nodegroup", 0);
    }

    @Test
    void karpenterNodeClassAndNodePoolMatchTheStackAndHoldTheSettingsLimits() {
        // The node pool's limits are Kubernetes objects (applied from lake k8s render), not CloudFormation:
        // they come from the same settings, and name the node role and subnets this stack creates.
        Map<?, ?> pool = (Map<?, ?>) manifest("NodePool", "runners").get("spec");
        assertThat(pool.get("limits")).isEqualTo(Map.of("cpu", "32", "memory", "128Gi"));
        Map<?, ?> nodeClass = (Map<?, ?>) manifest("NodeClass", "runners").get("spec");
        assertThat(nodeClass.get("role")).isEqualTo("acme-datalake-ops-eu-west-1-cluster-nodes");
        assertThat(nodeClass.get("subnetSelectorTerms")).isEqualTo(List.of(
                Map.of("tags", Map.of("datalake:runner-subnets", "acme-datalake-ops"))));
        template.resourcePropertiesCountIs("AWS::EC2::Subnet", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "datalake:runner-subnets", "Value", "acme-datalake-ops")))), 2);
    }

    @Test
    void eachPipelinesServiceAccountIsMappedToItsOwnRoleByPodIdentity() {
        for (String pipeline : TestApps.CLUSTER_PIPELINES) {
            PipelineRunner runner = stack.runners().runner(pipeline);
            template.hasResourceProperties("AWS::EKS::PodIdentityAssociation", Map.of(
                    "ClusterName", Map.of("Ref", id(stack.runners().cluster())),
                    "Namespace", "datalake-runners",
                    "ServiceAccount", runner.serviceAccount(),
                    "RoleArn", arn(runner.role())));
            template.hasResourceProperties("AWS::IAM::Role", Map.of(
                    "RoleName", "acme-datalake-ops-eu-west-1-run-" + pipeline,
                    "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                            "Effect", "Allow",
                            "Principal", Map.of("Service", "pods.eks.amazonaws.com"),
                            "Action", List.of("sts:AssumeRole", "sts:TagSession"),
                            "Condition", Map.of("StringEquals", Map.of(
                                    "aws:SourceAccount", Map.of("Ref", "AWS::AccountId"),
                                    "aws:RequestTag/eks-cluster-name", "acme-datalake-ops",
                                    "aws:RequestTag/kubernetes-namespace", "datalake-runners",
                                    "aws:RequestTag/kubernetes-service-account", runner.serviceAccount())))))));
            // The association names the service account the rendered runner uses.
            Map<?, ?> job = (Map<?, ?>) manifest("ScaledJob", runner.serviceAccount()).get("spec");
            assertThat(job.toString()).contains("serviceAccountName=" + runner.serviceAccount());
        }
        template.resourceCountIs("AWS::EKS::PodIdentityAssociation", 3);
    }

    @Test
    void aRunRoleMayConsumeItsOwnQueueOnlyAndKedaMayOnlyReadQueueLengths() {
        PipelineRunner sales = stack.runners().runner("sales_daily");
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", id(sales.role()))),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                        Map.of("Effect", "Allow", "Action", List.of("sqs:ChangeMessageVisibility", "sqs:DeleteMessage",
                                "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"), "Resource", arn(sales.queue())),
                        Map.of("Effect", "Allow", "Action", "kms:Decrypt", "Resource", arn(stack.runners().key()))))));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", id(stack.runners().kedaRole()))),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                        "Action", List.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                        "Resource", TestApps.CLUSTER_PIPELINES.stream().map(p -> arn(stack.runners().runner(p).queue())).toList())))));
        template.hasResourceProperties("AWS::EKS::PodIdentityAssociation", Map.of(
                "Namespace", "keda", "ServiceAccount", "keda-operator", "RoleArn", arn(stack.runners().kedaRole())));
    }

    @Test
    void runQueuesAreEncryptedTlsOnlyWithADeadLetterQueueAndFeedTheScalers() {
        for (String pipeline : TestApps.CLUSTER_PIPELINES) {
            PipelineRunner runner = stack.runners().runner(pipeline);
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", "acme-datalake-ops-runs-" + pipeline,
                    "KmsMasterKeyId", arn(stack.runners().key()),
                    "VisibilityTimeout", 900,
                    "RedrivePolicy", Map.of("deadLetterTargetArn", arn(stack.runners().deadLetterQueue()), "maxReceiveCount", 3)));
            Map<?, ?> trigger = (Map<?, ?>) ((List<?>) ((Map<?, ?>) manifest("ScaledJob", runner.serviceAccount())
                    .get("spec")).get("triggers")).get(0);
            assertThat(((Map<?, ?>) trigger.get("metadata")).get("queueURL")).isEqualTo("acme-datalake-ops-runs-" + pipeline);
        }
        template.resourcePropertiesCountIs("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))), 3);
    }

    @Test
    void runsReachAwsThroughEndpointsInTheVpcTheNetworkPolicyAllows() {
        template.resourcePropertiesCountIs("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
                "PrivateDnsEnabled", true), 7);
        template.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.80.0.0/16"));
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupIngress", List.of(Map.of(
                "CidrIp", "10.80.0.0/16", "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                "Description", "HTTPS from the cluster's VPC"))));
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "ALL", "ResourceType", "VPC"));
        Map<?, ?> policy = (Map<?, ?>) manifest("NetworkPolicy", "runs-reach-cloud-apis-only").get("spec");
        assertThat(policy.get("egress").toString()).contains("cidr=10.80.0.0/16").contains("port=443");
    }

    /**
     * Guards construct ids (renaming one replaces the cluster or a queue) and surprising changes.
     * Regenerate after an intended change with {@code -Dtest=ClusterStackTest -Dsnapshot.update=true}.
     */
    @Test
    void clusterStackMatchesTheSnapshot() throws java.io.IOException {
        Path snapshot = Path.of("src/test/resources/snapshots/ops-cluster.template.json");
        String actual = EnvironmentSnapshotTest.normalise(template.toJSON());
        if (Boolean.getBoolean("snapshot.update")) {
            java.nio.file.Files.writeString(snapshot, actual);
        }
        assertThat(snapshot).as("snapshot missing: run with -Dsnapshot.update=true once and commit it").exists();
        assertThat(actual).isEqualTo(java.nio.file.Files.readString(snapshot));
    }

    @Test
    void cdkNagFindsNoUnsuppressedErrorOrWarning() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.anyValue())).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp(".*AwsSolutions-.*"))).isEmpty();
        LakeApp.checkFindings(assembly);
    }
}
