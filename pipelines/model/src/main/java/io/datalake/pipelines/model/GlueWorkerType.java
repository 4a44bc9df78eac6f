package io.datalake.pipelines.model;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Messages;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The size of a Glue worker: {@code G.1X} is 4 vCPU and 16 GB, each step up doubles it. */
public enum GlueWorkerType {
    G_1X,
    G_2X,
    G_4X,
    G_8X;

    /** Glue's name: {@code G.1X}. */
    public String id() {
        return name().replace('_', '.');
    }

    public static String allowed() {
        return Arrays.stream(values()).map(GlueWorkerType::id).collect(Collectors.joining(", "));
    }

    /** Parses Glue's name, forgiving case: {@code g.2x} is {@code G.2X}. */
    public static GlueWorkerType parse(String field, String value) {
        for (GlueWorkerType type : values()) {
            if (value != null && type.id().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new LakeConfigException(field + " must be one of " + allowed() + ", but " + Messages.quote(value)
                + " was given");
    }
}
