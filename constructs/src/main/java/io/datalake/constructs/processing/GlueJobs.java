package io.datalake.constructs.processing;

import io.datalake.constructs.access.Grants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnSecurityConfiguration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * What every Glue job of the lake shares: a security configuration with a tier key, the job
 * arguments that make the runner the entry point and log to the job's own group, and the grants
 * Glue itself needs around a job (its own log groups, the temporary folder).
 */
final class GlueJobs {
    /** Glue 5.0 takes Java and Scala entry points as "scala" jobs. */
    static final String LANGUAGE = "scala";

    private GlueJobs() {
    }

    /**
     * A security configuration (construct id {@code SecurityConfiguration}) that encrypts what the job
     * writes to S3, its CloudWatch logs and its bookmarks with the key.
     *
     * @return its name, for the job
     */
    static String securityConfiguration(Construct scope, String name, IKey key) {
        CfnSecurityConfiguration.Builder.create(scope, "SecurityConfiguration")
                .name(name)
                .encryptionConfiguration(CfnSecurityConfiguration.EncryptionConfigurationProperty.builder()
                        .s3Encryptions(List.of(CfnSecurityConfiguration.S3EncryptionProperty.builder()
                                .s3EncryptionMode("SSE-KMS").kmsKeyArn(key.getKeyArn()).build()))
                        .cloudWatchEncryption(CfnSecurityConfiguration.CloudWatchEncryptionProperty.builder()
                                .cloudWatchEncryptionMode("SSE-KMS").kmsKeyArn(key.getKeyArn()).build())
                        .jobBookmarksEncryption(CfnSecurityConfiguration.JobBookmarksEncryptionProperty.builder()
                                .jobBookmarksEncryptionMode("CSE-KMS").kmsKeyArn(key.getKeyArn()).build())
                        .build())
                .build();
        return name;
    }

    /**
     * The job's default arguments besides the runner's own: the runner class as the entry point, the
     * runner (and job) jars on the classpath, continuous logging to the job's log group, no bookmarks
     * (updates say what is new), S3's optimized Parquet committer (no renames, no temporary objects
     * left), and Glue's temporary folder.
     */
    static Map<String, String> arguments(PipelineArtifacts artifacts, ILogGroup logs, String runnerClass, String tempPrefix,
            String jobJarUri) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--job-language", LANGUAGE);
        arguments.put("--class", runnerClass);
        arguments.put("--extra-jars", artifacts.runnerJarUri() + (jobJarUri == null ? "" : "," + jobJarUri));
        arguments.put("--enable-continuous-cloudwatch-log", "true");
        arguments.put("--continuous-log-logGroup", logs.getLogGroupName());
        arguments.put("--enable-metrics", "true");
        arguments.put("--job-bookmark-option", "job-bookmark-disable");
        arguments.put("--enable-s3-parquet-optimized-committer", "true");
        arguments.put("--TempDir", artifacts.uri(tempPrefix));
        return arguments;
    }

    /**
     * {@code kms:ViaService} of S3 and Glue in the stack's region: a job role uses a tier key only for
     * objects it writes through S3 and for what Glue encrypts under its security configuration, never directly.
     */
    static Map<String, Map<String, Object>> viaStorageServices(Construct scope) {
        String region = Stack.of(scope).getRegion();
        return Map.of("StringEquals", Map.of("kms:ViaService",
                List.of("s3." + region + ".amazonaws.com", "glue." + region + ".amazonaws.com")));
    }

    /** Glue's temporary folder of the job in the artifact bucket: read, write and clean up. */
    static void grantTempDir(Construct scope, IRole role, PipelineArtifacts artifacts, String tempPrefix) {
        Grants.readPrefix(scope, role, artifacts.bucket(), artifacts.bucket().getEncryptionKey(), tempPrefix);
        Grants.writePrefix(scope, role, artifacts.bucket(), artifacts.bucket().getEncryptionKey(), tempPrefix, false);
        Grants.onPrincipal(role, List.of("s3:DeleteObject"), List.of(artifacts.bucket().arnForObjects(tempPrefix + "*")));
    }

    /**
     * Under a security configuration Glue writes the driver's and executors' output to log groups of
     * its own, {@code /aws-glue/jobs/<configuration>-role/<role>/...}, and associates them with the key.
     */
    static void grantGlueLogs(Construct scope, IRole role, String securityConfiguration, String roleName) {
        Grants.onPrincipal(role, List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                "logs:AssociateKmsKey"), List.of(glueLogGroups(scope, securityConfiguration, roleName)));
    }

    private static String glueLogGroups(Construct scope, String securityConfiguration, String roleName) {
        return Stack.of(scope).formatArn(ArnComponents.builder().service("logs").resource("log-group")
                .resourceName("/aws-glue/jobs/" + securityConfiguration + "-role/" + roleName + "/*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /** The wildcard findings of {@link #grantGlueLogs}. */
    static List<String> logFindings(Construct scope, String securityConfiguration, String roleName) {
        return List.of(NagFindings.resource(scope, glueLogGroups(scope, securityConfiguration, roleName)));
    }

    /** The wildcard findings of reading the runner, a folder of code and the temporary folder. */
    static List<String> artifactFindings(Construct scope, PipelineArtifacts artifacts, List<String> readPrefixes,
            String tempPrefix) {
        List<String> findings = new ArrayList<>();
        List<String> prefixes = new ArrayList<>(List.of(PipelineArtifacts.RUNNER_PREFIX));
        prefixes.addAll(readPrefixes);
        if (tempPrefix != null) {
            prefixes.add(tempPrefix);
        }
        for (String prefix : prefixes) {
            findings.add(NagFindings.resource(scope, artifacts.bucket().arnForObjects(prefix + "*")));
        }
        return findings;
    }
}
