package io.datalake.constructs.cluster;

import io.datalake.constructs.checks.Suppressions;
import io.datalake.core.ClusterSettings;
import io.datalake.core.LakeNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.eks.CfnPodIdentityAssociation;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterLoggingTypes;
import software.amazon.awscdk.services.eks_v2.ComputeConfig;
import software.amazon.awscdk.services.eks_v2.DefaultCapacityType;
import software.amazon.awscdk.services.eks_v2.EndpointAccess;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The EKS cluster pipeline runs execute on. EKS Auto Mode runs Karpenter for us: the cluster's own
 * built-in node pool is only {@code system} (for KEDA), and the runners' Karpenter node pool, which
 * scales to zero and is capped by the settings' CPU and memory, is applied with the cluster's
 * Kubernetes manifests ({@code lake k8s render --target eks}). The API endpoint is private, every
 * control-plane log type goes to CloudWatch, secrets are encrypted with the cluster key.
 *
 * <p>Each pipeline of the settings gets a run queue (KMS-encrypted, TLS-only, with the shared
 * dead-letter queue) and a role that only that pipeline's Kubernetes service account can assume,
 * through an EKS Pod Identity association. KEDA's operator gets a role that may read the queues'
 * lengths and nothing else. Runs reach AWS through interface endpoints inside the VPC.
 */
public class RunnerCluster extends Construct {
    /** Auto Mode's managed node pool for cluster add-ons (KEDA tolerates its taint); no general-purpose pool. */
    public static final List<String> BUILT_IN_NODE_POOLS = List.of("system");
    /** The service that assumes roles for EKS Pod Identity. */
    static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

    private final LakeNames names;
    private final RunnerClusterProps props;
    private final Key key;
    private final Vpc vpc;
    private final Cluster cluster;
    private final Role nodeRole;
    private final Role kedaRole;
    private final Queue deadLetterQueue;
    private final Map<String, PipelineRunner> runners = new LinkedHashMap<>();

    public RunnerCluster(Construct scope, String id, RunnerClusterProps props) {
        super(scope, id);
        this.props = props;
        this.names = props.names();
        ClusterSettings settings = names.environment().settings().cluster();

        this.key = Key.Builder.create(this, "Key")
                .alias(names.clusterKeyAlias())
                .description("Encrypts the secrets, run queues and flow logs of cluster " + names.clusterName())
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .policy(io.datalake.constructs.access.KeyPolicy.document(this, names.environment().settings().keyAdmins()))
                .build();

        this.vpc = network(settings);

        this.nodeRole = Role.Builder.create(this, "NodeRole")
                .roleName(names.clusterNodeRole())
                .description("Nodes of cluster " + names.clusterName())
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .managedPolicies(List.of(
                        ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSWorkerNodeMinimalPolicy"),
                        ManagedPolicy.fromAwsManagedPolicyName("AmazonEC2ContainerRegistryPullOnly")))
                .build();
        Role clusterRole = Role.Builder.create(this, "ClusterRole")
                .roleName(names.clusterRole())
                .description("EKS Auto Mode manages cluster " + names.clusterName() + " with this role")
                .assumedBy(new ServicePrincipal("eks.amazonaws.com").withSessionTags())
                .managedPolicies(List.of(
                        ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSClusterPolicy"),
                        ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSComputePolicy"),
                        ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSBlockStoragePolicy"),
                        ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSLoadBalancingPolicy"),
                        ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSNetworkingPolicy")))
                .build();
        suppressManagedPolicies(nodeRole, clusterRole);

        this.cluster = Cluster.Builder.create(this, "Resource")
                .clusterName(names.clusterName())
                .version(props.kubernetesVersion())
                .vpc(vpc)
                .vpcSubnets(List.of(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()))
                .endpointAccess(EndpointAccess.PRIVATE)
                .clusterLogging(List.of(ClusterLoggingTypes.values()))
                .defaultCapacityType(DefaultCapacityType.AUTOMODE)
                .compute(ComputeConfig.builder().nodePools(BUILT_IN_NODE_POOLS).nodeRole(nodeRole).build())
                .role(clusterRole)
                .secretsEncryptionKey(key)
                .tags(Map.of("datalake:org", names.environment().org(), "datalake:env", names.environment().name()))
                .build();

        this.deadLetterQueue = Queue.Builder.create(this, "RunDeadLetters")
                .queueName(names.runDeadLetterQueue())
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(RunnerClusterProps.QUEUE_RETENTION)
                .build();

        this.kedaRole = Role.Builder.create(this, "KedaRole")
                .roleName(names.kedaRole())
                .description("KEDA's operator in " + names.clusterName() + ": reads the length of the run queues")
                .assumedBy(podIdentity(names.kedaNamespace(), names.kedaServiceAccount()))
                .build();
        associate("KedaIdentity", names.kedaNamespace(), names.kedaServiceAccount(), kedaRole);

        for (String pipeline : settings.pipelines()) {
            addPipeline(pipeline);
        }
    }

    public RunnerCluster(Construct scope, String id, LakeNames names) {
        this(scope, id, RunnerClusterProps.builder().names(names).build());
    }

    /**
     * A VPC whose private subnets (tagged for the runner node class) hold the nodes, pods and the
     * interface endpoints of the AWS APIs runs use; public subnets only hold the NAT gateways.
     */
    private static final String DEFAULT_GROUP_UNUSED = "Nothing is placed in the default security group (the endpoints"
            + " and the nodes have groups of their own); closing it takes the CDK's custom-resource Lambda, whose role"
            + " may rewrite the VPC's security groups.";

    private Vpc network(ClusterSettings settings) {
        int prefix = Integer.parseInt(settings.vpcCidr().substring(settings.vpcCidr().indexOf('/') + 1));
        // A fixed name, so the key policy can name it without a cycle (key -> log group -> key).
        String flowLogGroup = names.logGroupPrefix() + "cluster/flow-logs";
        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .logGroupName(flowLogGroup)
                .retention(props.logRetention())
                .encryptionKey(key)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // CloudWatch Logs encrypts the flow logs with the cluster key, and no other log group of any account.
        software.amazon.awscdk.Stack stack = software.amazon.awscdk.Stack.of(this);
        key.addToResourcePolicy(software.amazon.awscdk.services.iam.PolicyStatement.Builder.create()
                .sid("FlowLogs")
                .principals(List.of(new ServicePrincipal("logs." + names.environment().region() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnEquals", Map.of("kms:EncryptionContext:aws:logs:arn", "arn:" + stack.getPartition()
                        + ":logs:" + stack.getRegion() + ":" + stack.getAccount() + ":log-group:" + flowLogGroup)))
                .build());
        Vpc network = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(settings.vpcCidr()))
                .maxAzs(props.maxAzs())
                .natGateways(props.natGateways())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("Nat").subnetType(SubnetType.PUBLIC).cidrMask(27)
                                // NAT gateways take an Elastic IP; nothing else launched there gets a public address.
                                .mapPublicIpOnLaunch(false).build(),
                        // Pods take VPC addresses: give the private subnets an eighth of the VPC each.
                        SubnetConfiguration.builder().name("Nodes").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(prefix + 3).build()))
                .flowLogs(Map.of("All", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.ALL)
                        .build()))
                .build();
        for (var subnet : network.getPrivateSubnets()) {
            Tags.of(subnet).add(names.runnerSubnetTag(), names.clusterName());
        }
        for (var subnet : network.getPublicSubnets()) {
            Suppressions.addHipaaNist(subnet.getNode().findChild("DefaultRoute"), "VPCNoUnrestrictedRouteToIGW", "Only the NAT gateways sit in the public"
                    + " subnets, and a NAT gateway needs a default route to the internet gateway; nodes and pods are in"
                    + " the private subnets, whose only way out is the NAT gateway.");
        }
        Suppressions.addHipaaNist(network.getNode().getDefaultChild(), "VPCDefaultSecurityGroupClosed", DEFAULT_GROUP_UNUSED);
        // One group for every endpoint: HTTPS from the VPC's range (written out, so cdk-nag can check it).
        SecurityGroup endpoints = SecurityGroup.Builder.create(this, "EndpointSecurityGroup")
                .vpc(network)
                .description("HTTPS from " + settings.vpcCidr() + " to the AWS API endpoints of " + names.clusterName())
                .allowAllOutbound(false)
                .build();
        endpoints.addIngressRule(Peer.ipv4(settings.vpcCidr()), Port.tcp(443), "HTTPS from the cluster's VPC");
        for (InterfaceVpcEndpointAwsService service : RunnerClusterProps.RUN_ENDPOINTS) {
            network.addInterfaceEndpoint(endpointId(service), InterfaceVpcEndpointOptions.builder()
                    .service(service)
                    .privateDnsEnabled(true)
                    .open(false)
                    .securityGroups(List.of(endpoints))
                    .subnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                    .build());
        }
        return network;
    }

    private static String endpointId(InterfaceVpcEndpointAwsService service) {
        String name = service.getShortName();
        StringBuilder id = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id + "Endpoint";
    }

    /**
     * Adds a pipeline's runner: its run queue and the role its runs get. Called for every pipeline of
     * the settings; call it for more (the construct id is derived from the pipeline name).
     *
     * @throws IllegalArgumentException when the pipeline already has a runner
     */
    public PipelineRunner addPipeline(String pipeline) {
        String serviceAccount = names.runnerServiceAccount(pipeline);
        if (runners.containsKey(pipeline)) {
            throw new IllegalArgumentException("pipeline '" + pipeline + "' already has a runner in " + names.clusterName());
        }
        Construct scope = new Construct(this, "Pipeline-" + pipeline);
        Queue queue = Queue.Builder.create(scope, "RunQueue")
                .queueName(names.runQueue(pipeline))
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(RunnerClusterProps.QUEUE_RETENTION)
                .visibilityTimeout(props.runVisibilityTimeout())
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(props.maxReceiveCount()).build())
                .build();
        Role role = Role.Builder.create(scope, "RunRole")
                .roleName(names.runnerRole(pipeline))
                .description("Runs of pipeline " + pipeline + " on " + names.clusterName())
                .assumedBy(podIdentity(names.runnerNamespace(), serviceAccount))
                .build();
        queue.grantConsumeMessages(role);
        // KEDA decides how many runs to start from the queue's length; it never sees a message.
        queue.grant(kedaRole, "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        associate("Identity", scope, names.runnerNamespace(), serviceAccount, role);

        PipelineRunner runner = new PipelineRunner(pipeline, queue, role, serviceAccount);
        runners.put(pipeline, runner);
        return runner;
    }

    /**
     * Only pods of this cluster running as this service account in this namespace may assume the
     * role: EKS Pod Identity tags the session with them, and the trust policy requires the tags.
     */
    private IPrincipal podIdentity(String namespace, String serviceAccount) {
        return new ServicePrincipal(POD_IDENTITY_SERVICE)
                .withConditions(Map.of("StringEquals", Map.of(
                        "aws:SourceAccount", Stack.of(this).getAccount(),
                        "aws:RequestTag/eks-cluster-name", names.clusterName(),
                        "aws:RequestTag/kubernetes-namespace", namespace,
                        "aws:RequestTag/kubernetes-service-account", serviceAccount)))
                .withSessionTags();
    }

    private void associate(String id, String namespace, String serviceAccount, IRole role) {
        associate(id, this, namespace, serviceAccount, role);
    }

    private void associate(String id, Construct scope, String namespace, String serviceAccount, IRole role) {
        CfnPodIdentityAssociation association = CfnPodIdentityAssociation.Builder.create(scope, id)
                .clusterName(cluster.getClusterName())
                .namespace(namespace)
                .serviceAccount(serviceAccount)
                .roleArn(role.getRoleArn())
                .build();
        association.getNode().addDependency(cluster);
    }

    private void suppressManagedPolicies(Role nodes, Role clusterRole) {
        String prefix = "Policy::arn:<AWS::Partition>:iam::aws:policy/";
        Suppressions.add(nodes, "AwsSolutions-IAM4",
                "EKS Auto Mode nodes need exactly these AWS managed policies (join the cluster, pull images from ECR).",
                List.of(prefix + "AmazonEKSWorkerNodeMinimalPolicy", prefix + "AmazonEC2ContainerRegistryPullOnly"));
        Suppressions.add(clusterRole, "AwsSolutions-IAM4",
                "EKS Auto Mode requires these AWS managed policies on the cluster role to run compute, storage,"
                        + " load balancing and networking for the cluster; AWS maintains them with the service.",
                List.of(prefix + "AmazonEKSClusterPolicy", prefix + "AmazonEKSComputePolicy",
                        prefix + "AmazonEKSBlockStoragePolicy", prefix + "AmazonEKSLoadBalancingPolicy",
                        prefix + "AmazonEKSNetworkingPolicy"));
    }

    /** The EKS cluster. */
    public Cluster cluster() {
        return cluster;
    }

    public Vpc vpc() {
        return vpc;
    }

    /** Encrypts the cluster's secrets, the run queues and the flow logs. */
    public IKey key() {
        return key;
    }

    /** The role of the runner nodes, which the Karpenter node class names. */
    public IRole nodeRole() {
        return nodeRole;
    }

    /** The role of KEDA's operator: reads queue lengths. */
    public IRole kedaRole() {
        return kedaRole;
    }

    /** Where run requests end that failed {@code maxReceiveCount} times. */
    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /** The runner of a pipeline. */
    public PipelineRunner runner(String pipeline) {
        PipelineRunner runner = runners.get(pipeline);
        if (runner == null) {
            throw new IllegalArgumentException("pipeline '" + pipeline + "' has no runner in " + names.clusterName()
                    + "; it has " + new ArrayList<>(runners.keySet()));
        }
        return runner;
    }

    /** Every pipeline's runner, in the order they were added. */
    public Map<String, PipelineRunner> runners() {
        return Collections.unmodifiableMap(runners);
    }
}
