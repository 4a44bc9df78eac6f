package io.datalake.pipelines.model;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.Messages;

/**
 * What the names in pipeline configs and job files may be, with messages that name the field:
 * pipelines and jobs follow {@link LakeNames#PIPELINE} (their names go into Glue, EMR, Step
 * Functions and Kubernetes names), datasets {@link DatasetLayout#NAME}.
 */
public final class Names {
    private Names() {
    }

    /**
     * @param field the field the name came from, e.g. {@code pipelines[0].pipeline}
     * @throws LakeConfigException naming the field, the rule and the value
     */
    public static String pipeline(String field, String name) {
        if (name == null || !LakeNames.PIPELINE.matcher(name).matches()) {
            throw new LakeConfigException(field + " must be 3 to 32 lowercase letters, digits, '_' or '-', starting"
                    + " with a letter and ending with a letter or digit, but " + Messages.quote(name) + " was given");
        }
        return name;
    }

    /**
     * @param field the field the name came from, e.g. {@code output.dataset}
     * @throws LakeConfigException naming the field, the rule and the value
     */
    public static String dataset(String field, String name) {
        if (name == null || !DatasetLayout.NAME.matcher(name).matches()) {
            throw new LakeConfigException(field + " must be 3 to 63 lowercase letters, digits or '_', starting"
                    + " with a letter, but " + Messages.quote(name) + " was given");
        }
        try {
            return DatasetLayout.checkName(name);
        } catch (LakeConfigException e) {
            throw new LakeConfigException(field + ": " + e.getMessage());
        }
    }
}
