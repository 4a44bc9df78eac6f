package io.datalake.cluster;

import io.datalake.core.LakeConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The cloud the runner workloads are rendered for: the charts are the same, the profile differs. */
public enum Target {
    /** Amazon EKS in Auto Mode, identities through EKS Pod Identity, runs queued in SQS. */
    EKS,
    /** GKE Autopilot created by Config Connector, identities through Workload Identity, runs queued in Pub/Sub. */
    GKE;

    /** The lowercase id used on the command line: {@code eks}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a target id.
     *
     * @throws LakeConfigException naming the field and the known ids
     */
    public static Target parse(String field, String value) {
        for (Target target : values()) {
            if (target.id().equals(value)) {
                return target;
            }
        }
        throw new LakeConfigException(field + " must be one of "
                + Arrays.stream(values()).map(Target::id).collect(Collectors.joining(", "))
                + ", but " + (value == null ? "nothing" : "'" + value + "'") + " was given");
    }
}
