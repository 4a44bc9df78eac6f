package io.datalake.cluster;

import io.datalake.core.ClusterSettings;
import io.datalake.core.Environment;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeNames;
import java.util.List;

/** The environments the chart tests render: a dev lake with two pipelines on its runner cluster. */
final class TestEnvironments {
    static final List<String> PIPELINES = List.of("sales_daily", "web_sessions");

    private TestEnvironments() {
    }

    static LakeNames names(ClusterSettings.Builder cluster) {
        return new LakeNames(Environment.builder().org("acme").name("dev").region("eu-west-1")
                .settings(EnvironmentSettings.builder().cluster(cluster.build()).build())
                .build());
    }

    /** Cluster on, two pipelines, a Google Cloud project, defaults for the rest. */
    static ClusterSettings.Builder cluster() {
        return ClusterSettings.builder().enabled(true).pipelines(PIPELINES).gcpProject("acme-lake-dev");
    }

    static LakeNames dev() {
        return names(cluster());
    }
}
