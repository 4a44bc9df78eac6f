package io.datalake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LakeNamesTest {

    private static LakeNames names(String org, String env, String region) {
        return new LakeNames(Environment.builder().org(org).name(env).region(region).build());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "dev,  internal,   acme-datalake-dev-internal-eu-west-1,    acme-datalake-drop-dev-internal-eu-west-1",
        "dev,  restricted, acme-datalake-dev-restricted-eu-west-1,  acme-datalake-drop-dev-restricted-eu-west-1",
        "dev,  sensitive,  acme-datalake-dev-sensitive-eu-west-1,   acme-datalake-drop-dev-sensitive-eu-west-1",
        "uat,  internal,   acme-datalake-uat-internal-eu-west-1,    acme-datalake-drop-uat-internal-eu-west-1",
        "uat,  restricted, acme-datalake-uat-restricted-eu-west-1,  acme-datalake-drop-uat-restricted-eu-west-1",
        "uat,  sensitive,  acme-datalake-uat-sensitive-eu-west-1,   acme-datalake-drop-uat-sensitive-eu-west-1",
        "prod, internal,   acme-datalake-prod-internal-eu-west-1,   acme-datalake-drop-prod-internal-eu-west-1",
        "prod, restricted, acme-datalake-prod-restricted-eu-west-1, acme-datalake-drop-prod-restricted-eu-west-1",
        "prod, sensitive,  acme-datalake-prod-sensitive-eu-west-1,  acme-datalake-drop-prod-sensitive-eu-west-1",
    })
    void tierBucketsFollowTheScheme(String env, String tier, String data, String drop) {
        LakeNames names = names("acme", env, "eu-west-1");
        Tier t = Tier.parse("tier", tier);
        assertThat(names.dataBucket(t)).isEqualTo(data);
        assertThat(names.dropBucket(t)).isEqualTo(drop);
        assertThat(names.glueDatabase(t)).isEqualTo("acme_datalake_" + env + "_" + tier);
        assertThat(names.athenaWorkgroup(t)).isEqualTo("acme-datalake-" + env + "-" + tier);
        assertThat(names.keyAlias(t)).isEqualTo("alias/acme-datalake-" + env + "-" + tier);
        assertThat(names.athenaResultsPrefix(t)).isEqualTo(tier + "/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "uat", "prod"})
    void environmentWideNames(String env) {
        LakeNames names = names("acme", env, "us-east-1");
        String base = "acme-datalake-" + env;
        assertThat(names.artifactBucket()).isEqualTo(base + "-artifacts-us-east-1");
        assertThat(names.athenaResultsBucket()).isEqualTo(base + "-athena-results-us-east-1");
        assertThat(names.accessLogBucket()).isEqualTo(base + "-access-logs-us-east-1");
        assertThat(names.environmentStack()).isEqualTo(base);
        assertThat(names.datasetStack("sales_orders")).isEqualTo(base + "-dataset-sales-orders");
        assertThat(names.defaultReaderRole()).isEqualTo(base + "-us-east-1-internal-reader");
        assertThat(names.dropQueue()).isEqualTo(base + "-drop-events");
        assertThat(names.dropDeadLetterQueue()).isEqualTo(base + "-drop-events-dlq");
        assertThat(names.alarmTopic()).isEqualTo(base + "-alarms");
        assertThat(names.platformKeyAlias()).isEqualTo("alias/" + base + "-platform");
        for (RegistryTable table : RegistryTable.values()) {
            assertThat(names.registryTable(table)).isEqualTo(base + "-" + table.id());
        }
    }

    @Test
    void datasetNames() {
        LakeNames names = names("acme", "dev", "eu-west-1");
        assertThat(names.datasetRole("sales_feed", AccessLevel.READ)).isEqualTo("acme-datalake-dev-ds-sales_feed-read");
        assertThat(names.datasetRole("sales_feed", AccessLevel.ADMIN)).isEqualTo("acme-datalake-dev-ds-sales_feed-admin");
        assertThat(names.glueTable("sales_feed")).isEqualTo("sales_feed");
        assertThat(names.glueRawTable("sales_feed")).isEqualTo("sales_feed_raw");
        assertThat(names.datasetWorkgroup("sales_feed")).isEqualTo("acme-datalake-dev-ds-sales_feed");
        assertThat(names.datasetResultsPrefix(Tier.RESTRICTED, "sales_feed")).isEqualTo("restricted/sales_feed/");
        assertThatThrownBy(() -> names.glueTable("sales-feed")).isInstanceOf(LakeConfigException.class);
        assertThat(names.tierKeyExport(Tier.SENSITIVE)).isEqualTo("acme-datalake-dev-sensitive-key-arn");
        assertThat(names.platformKeyExport()).isEqualTo("acme-datalake-dev-platform-key-arn");
        assertThatThrownBy(() -> names.datasetRole("Bad Name", AccessLevel.READ)).isInstanceOf(LakeConfigException.class);
    }

    @Test
    void longDatasetRoleNamesKeepTheirLevelSuffixAndStayUnique() {
        LakeNames names = names("acme", "dev", "eu-west-1");
        String a = "a_dataset_name_long_enough_to_push_its_role_names_past_64_a";
        String b = "a_dataset_name_long_enough_to_push_its_role_names_past_64_b";
        java.util.Set<String> all = new java.util.HashSet<>();
        for (String dataset : java.util.List.of(a, b)) {
            for (AccessLevel level : AccessLevel.values()) {
                String role = names.datasetRole(dataset, level);
                assertThat(role).hasSizeLessThanOrEqualTo(64).startsWith("acme-datalake-dev-ds-a_dataset").endsWith("-" + level.id());
                assertThat(java.util.regex.Pattern.matches(names.datasetRolePattern(level).replace("*", ".*"), role)).isTrue();
                for (AccessLevel other : AccessLevel.values()) {
                    if (other != level) {
                        assertThat(java.util.regex.Pattern.matches(names.datasetRolePattern(other).replace("*", ".*"), role))
                                .as("%s matches the %s pattern", role, other).isFalse();
                    }
                }
                all.add(role);
            }
        }
        assertThat(all).hasSize(6);
        assertThat(names.datasetRole("sales", AccessLevel.WRITE)).isEqualTo("acme-datalake-dev-ds-sales-write");
    }

    @Test
    void runnerClusterNames() {
        LakeNames names = names("acme", "dev", "eu-west-1");
        assertThat(names.clusterName()).isEqualTo("acme-datalake-dev");
        assertThat(names.clusterStack()).isEqualTo("acme-datalake-dev-cluster");
        assertThat(names.clusterKeyAlias()).isEqualTo("alias/acme-datalake-dev-cluster");
        assertThat(names.clusterRole()).isEqualTo("acme-datalake-dev-eu-west-1-cluster");
        assertThat(names.clusterNodeRole()).isEqualTo("acme-datalake-dev-eu-west-1-cluster-nodes");
        assertThat(names.kedaRole()).isEqualTo("acme-datalake-dev-eu-west-1-keda");
        assertThat(names.kedaNamespace()).isEqualTo("keda");
        assertThat(names.kedaServiceAccount()).isEqualTo("keda-operator");
        assertThat(names.runnerNamespace()).isEqualTo("datalake-runners");
        assertThat(names.runnerSubnetTag()).isEqualTo("datalake:runner-subnets");
        assertThat(names.runnerServiceAccount("sales_daily")).isEqualTo("run-sales-daily");
        assertThat(names.runnerRole("sales_daily")).isEqualTo("acme-datalake-dev-eu-west-1-run-sales_daily");
        assertThat(names.runQueue("sales_daily")).isEqualTo("acme-datalake-dev-runs-sales_daily");
        assertThat(names.runDeadLetterQueue()).isEqualTo("acme-datalake-dev-runs-dlq");
        assertThat(names.gcpRunnerServiceAccount("sales_daily")).isEqualTo("run-sales-daily");
        assertThat(names.gcpKedaServiceAccount()).isEqualTo("acme-datalake-dev-keda");
    }

    @Test
    void longRunnerNamesStayWithinTheirCloudsLimits() {
        LakeNames names = names("averyverylongorgname", "dev", "eu-west-1");
        String pipeline = "a_pipeline_with_a_very_long_name";
        assertThat(names.runnerRole(pipeline)).hasSize(64);
        assertThat(names.runQueue(pipeline)).hasSizeLessThanOrEqualTo(80);
        assertThat(names.runnerServiceAccount(pipeline)).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9-]+");
        String account = names.gcpRunnerServiceAccount(pipeline);
        assertThat(account).hasSizeLessThanOrEqualTo(30).matches("[a-z][a-z0-9-]*[a-z0-9]")
                .isNotEqualTo(names.gcpRunnerServiceAccount(pipeline.replace("long", "tall")));
        assertThat(names.gcpKedaServiceAccount()).hasSizeLessThanOrEqualTo(30).startsWith("averyverylongorgname-");
        assertThatThrownBy(() -> names.runQueue("Bad")).isInstanceOf(LakeConfigException.class)
                .hasMessageStartingWith("pipeline must hold pipeline names of 3 to 32");
    }

    @Test
    void hyphenatedOrgBecomesUnderscoresInGlue() {
        assertThat(names("big-corp", "dev", "eu-west-1").glueDatabase(Tier.SENSITIVE))
                .isEqualTo("big_corp_datalake_dev_sensitive");
    }

    @Test
    void longRoleNamesAreShortenedStablyWithAHash() {
        LakeNames names = names("acme", "dev", "eu-west-1");
        String purpose = "dataset-a_very_long_dataset_name_that_goes_on_and_on-admin";
        String role = names.role(purpose);
        assertThat(role).hasSize(64).startsWith("acme-datalake-dev-dataset-a_very_long");
        assertThat(names.role(purpose)).isEqualTo(role);
        assertThat(names.role(purpose.replace("admin", "write"))).isNotEqualTo(role).hasSize(64);
    }

    @Test
    void pipelineNamesFitTheirServicesLimits() {
        LakeNames names = names("acme", "dev", "eu-west-1");
        assertThat(names.pipelineJob("daily_sales")).isEqualTo("acme-datalake-dev-pl-daily_sales");
        assertThat(names.pipelineRole("daily_sales")).isEqualTo("acme-datalake-dev-pl-daily_sales");
        assertThat(names.conversionJob()).isEqualTo("acme-datalake-dev-convert");
        assertThat(names.jobStateMachine("nightly")).isEqualTo("acme-datalake-dev-job-nightly");
        assertThat(names.jobSchedule("nightly")).isEqualTo("acme-datalake-dev-job-nightly");
        assertThat(names.pipelineLogGroup("daily_sales")).isEqualTo("/datalake/acme-datalake-dev/pipelines/daily_sales");
        assertThat(names.pipelinesStack()).isEqualTo("acme-datalake-dev-pipelines");
        // The longest org, env and pipeline names still fit each service's limit, told apart by a hash.
        LakeNames longNames = names("averyverylongorgn", "devtest12", "eu-west-1");
        String longest = "p" + "x".repeat(31);
        assertThat(longNames.pipelineJob(longest)).hasSize(64).startsWith("averyverylongorgn-datalake-devtest12-pl-pxxx");
        assertThat(longNames.pipelineJob(longest)).isNotEqualTo(longNames.pipelineJob(longest.replace('x', 'y')));
        assertThat(longNames.jobSchedule(longest)).hasSize(64);
        assertThat(longNames.jobStateMachine(longest)).hasSize(73).endsWith("-job-" + longest);
        assertThatThrownBy(() -> names.pipelineJob("Daily")).isInstanceOf(LakeConfigException.class);
    }

    @Test
    void failsForABucketNameOverSixtyThreeCharacters() {
        assertThatThrownBy(() -> names("averyverylongorgname", "devtest123", "ap-southeast-2"))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("bucket name 'averyverylongorgname-datalake-drop-devtest123-restricted-ap-southeast-2'"
                        + " is 71 characters long, but S3 allows 3 to 63: shorten the org or environment name");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Acme|dev|eu-west-1|org must be 1 to 20 lowercase letters, digits or inner hyphens (it starts every bucket name), but 'Acme' was given",
        "acme_co|dev|eu-west-1|org must be 1 to 20 lowercase letters, digits or inner hyphens (it starts every bucket name), but 'acme_co' was given",
        "-acme|dev|eu-west-1|org must be 1 to 20 lowercase letters, digits or inner hyphens (it starts every bucket name), but '-acme' was given",
        "acme|Dev|eu-west-1|env must be 1 to 10 lowercase letters or digits, starting with a letter, but 'Dev' was given",
        "acme|dev-1|eu-west-1|env must be 1 to 10 lowercase letters or digits, starting with a letter, but 'dev-1' was given",
        "acme|dev|europe|region must be an AWS region such as eu-west-1, but 'europe' was given",
        "acme|dev|EU-WEST-1|region must be an AWS region such as eu-west-1, but 'EU-WEST-1' was given",
    })
    void failsForInvalidOrgEnvOrRegion(String org, String env, String region, String message) {
        assertThatThrownBy(() -> names(org, env, region))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ab|is 2 characters long, but S3 allows 3 to 63: shorten the org or environment name",
        "my_bucket|may hold only lowercase letters, digits and hyphens",
        "-bucket|must start and end with a letter or digit",
        "xn--bucket|uses a prefix or suffix that S3 reserves",
        "bucket-s3alias|uses a prefix or suffix that S3 reserves",
    })
    void bucketRulesNameTheOffendingValue(String name, String problem) {
        assertThatThrownBy(() -> LakeNames.bucket(name))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("bucket name '" + name + "' " + problem);
    }

    @Test
    void failsForAnAccountThatIsNotTwelveDigits() {
        assertThatThrownBy(() -> Environment.builder().org("acme").name("dev").region("eu-west-1").account("1234").build())
                .hasMessage("account must be 12 digits, or unset for an env-agnostic synth, but '1234' was given");
    }

    @Test
    void knowsItsOwnBuckets() {
        LakeNames names = new LakeNames(Environment.builder().org("acme").name("dev").region("eu-west-1").build());
        for (Tier tier : Tier.values()) {
            assertThat(names.isLakeBucket(names.dataBucket(tier))).isTrue();
            assertThat(names.isLakeBucket(names.dropBucket(tier))).isTrue();
        }
        assertThat(names.isLakeBucket(names.artifactBucket())).isTrue();
        assertThat(names.isLakeBucket(names.athenaResultsBucket())).isTrue();
        assertThat(names.isLakeBucket(names.accessLogBucket())).isTrue();
        assertThat(names.isLakeBucket("acme-partner-exports")).isFalse();
        assertThat(names.isLakeBucket("acme-datalake-prod-internal-eu-west-1")).as("another environment's").isFalse();
    }
}
