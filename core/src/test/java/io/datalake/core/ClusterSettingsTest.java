package io.datalake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterSettingsTest {

    private static Environment parse(Map<String, Object> cluster) {
        Map<String, Object> env = new HashMap<>();
        env.put("org", "acme");
        env.put("region", "eu-west-1");
        env.put("settings", Map.of("cluster", cluster));
        return Environments.fromContext(Map.of("dev", env)).get("dev");
    }

    @Test
    void defaultsAreTheDocumentedConstantsAndNoCluster() {
        ClusterSettings c = EnvironmentSettings.defaults().cluster();
        assertThat(c.enabled()).isFalse();
        assertThat(c.maxCpu()).isEqualTo(ClusterSettings.DEFAULT_MAX_CPU).isEqualTo(64);
        assertThat(c.maxMemoryGiB()).isEqualTo(ClusterSettings.DEFAULT_MAX_MEMORY_GIB).isEqualTo(256);
        assertThat(c.spot()).isTrue();
        assertThat(c.maxParallelRuns()).isEqualTo(10);
        assertThat(c.runnerCpuMillis()).isEqualTo(1000);
        assertThat(c.runnerMemoryMiB()).isEqualTo(4096);
        assertThat(c.pipelines()).isEmpty();
        assertThat(c.vpcCidr()).isEqualTo("10.80.0.0/16");
        assertThat(c.runnerImage()).isEqualTo(ClusterSettings.DEFAULT_RUNNER_IMAGE);
        assertThat(c.gcpProject()).isEmpty();
        assertThat(c.gcpRegion()).isEqualTo("europe-west1");
    }

    @Test
    void readsTheClusterObjectOfTheSettings() {
        Map<String, Object> cluster = new HashMap<>();
        cluster.put("enabled", true);
        cluster.put("maxCpu", 32);
        cluster.put("maxMemoryGiB", 128);
        cluster.put("spot", false);
        cluster.put("maxParallelRuns", 4);
        cluster.put("runnerCpuMillis", 2000);
        cluster.put("runnerMemoryMiB", 8192);
        cluster.put("pipelines", List.of("sales_daily", "web-sessions"));
        cluster.put("vpcCidr", "10.42.0.0/18");
        cluster.put("runnerImage", "ghcr.io/acme/runner:1.2");
        cluster.put("gcpProject", "acme-lake-dev");
        cluster.put("gcpRegion", "us-central1");
        ClusterSettings c = parse(cluster).settings().cluster();
        assertThat(c.enabled()).isTrue();
        assertThat(c.maxCpu()).isEqualTo(32);
        assertThat(c.maxMemoryGiB()).isEqualTo(128);
        assertThat(c.spot()).isFalse();
        assertThat(c.maxParallelRuns()).isEqualTo(4);
        assertThat(c.runnerCpuMillis()).isEqualTo(2000);
        assertThat(c.runnerMemoryMiB()).isEqualTo(8192);
        assertThat(c.pipelines()).containsExactly("sales_daily", "web-sessions");
        assertThat(c.vpcCidr()).isEqualTo("10.42.0.0/18");
        assertThat(c.runnerImage()).isEqualTo("ghcr.io/acme/runner:1.2");
        assertThat(c.gcpProject()).contains("acme-lake-dev");
        assertThat(c.gcpRegion()).isEqualTo("us-central1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "maxCpu|0|settings.cluster.maxCpu must be between 1 and 10000, but 0 was given",
        "maxMemoryGiB|-4|settings.cluster.maxMemoryGiB must be between 1 and 100000, but -4 was given",
        "maxParallelRuns|5000|settings.cluster.maxParallelRuns must be between 1 and 1000, but 5000 was given",
        "runnerCpuMillis|100|settings.cluster.runnerCpuMillis must be between 250 and 64000, but 100 was given",
        "runnerMemoryMiB|64|settings.cluster.runnerMemoryMiB must be between 512 and 524288, but 64 was given",
    })
    void failsNamingTheFieldValueAndRange(String field, int value, String message) {
        assertThatThrownBy(() -> parse(Map.of(field, value)))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("datalake:environments.dev." + message);
    }

    @Test
    void failsForWrongTypesAndUnknownFields() {
        assertThatThrownBy(() -> parse(Map.of("enabled", "yes")))
                .hasMessage("datalake:environments.dev.settings.cluster.enabled must be true or false, but 'yes' was given");
        assertThatThrownBy(() -> parse(Map.of("maxCpu", 1.5)))
                .hasMessage("datalake:environments.dev.settings.cluster.maxCpu must be a whole number, but '1.5' was given");
        assertThatThrownBy(() -> parse(Map.of("pipelines", "sales")))
                .hasMessage("datalake:environments.dev.settings.cluster.pipelines must be a list of names, but 'sales' was given");
        assertThatThrownBy(() -> parse(Map.of("maxCPU", 4)))
                .hasMessageStartingWith("datalake:environments.dev.settings.cluster.maxCPU is not a known field; known fields are enabled, maxCpu,");
    }

    @Test
    void failsForARunnerLargerThanTheCluster() {
        assertThatThrownBy(() -> parse(Map.of("maxCpu", 2, "runnerCpuMillis", 4000)))
                .hasMessageEndingWith("settings.cluster.runnerCpuMillis must fit within maxCpu (2 vCPUs), but 4000 was given");
        assertThatThrownBy(() -> parse(Map.of("maxMemoryGiB", 4, "runnerMemoryMiB", 8192)))
                .hasMessageEndingWith("settings.cluster.runnerMemoryMiB must fit within maxMemoryGiB (4 GiB), but 8192 was given");
    }

    @Test
    void failsForBadPipelineNamesAndDuplicates() {
        assertThatThrownBy(() -> parse(Map.of("pipelines", List.of("Sales"))))
                .hasMessageEndingWith("settings.cluster.pipelines must hold pipeline names of 3 to 32 lowercase letters,"
                        + " digits, '_' or '-', starting with a letter and ending with a letter or digit, but 'Sales' was given");
        assertThatThrownBy(() -> parse(Map.of("pipelines", List.of("sales_", "x"))))
                .hasMessageContaining("but 'sales_' was given");
        assertThatThrownBy(() -> parse(Map.of("pipelines", List.of("sales", "sales"))))
                .hasMessageEndingWith("settings.cluster.pipelines must name each pipeline once, but 'sales' was given twice");
    }

    @Test
    void failsForBadNetworkImageAndGoogleCloudValues() {
        assertThatThrownBy(() -> parse(Map.of("vpcCidr", "10.80.0.0")))
                .hasMessageEndingWith("settings.cluster.vpcCidr must be an IPv4 range such as 10.80.0.0/16, but '10.80.0.0' was given");
        assertThatThrownBy(() -> parse(Map.of("vpcCidr", "10.0.0.0/8")))
                .hasMessageEndingWith("settings.cluster.vpcCidr must be a /16 to /20 range (pods take one address each),"
                        + " but '10.0.0.0/8' was given");
        assertThatThrownBy(() -> parse(Map.of("runnerImage", "has space:1")))
                .hasMessageContaining("settings.cluster.runnerImage must be a container image reference");
        assertThatThrownBy(() -> parse(Map.of("gcpProject", "Acme")))
                .hasMessageContaining("settings.cluster.gcpProject must be a Google Cloud project id").hasMessageEndingWith("but 'Acme' was given");
        assertThatThrownBy(() -> parse(Map.of("gcpRegion", "europe")))
                .hasMessageEndingWith("settings.cluster.gcpRegion must be a Google Cloud region such as europe-west1, but 'europe' was given");
    }
}
