package io.datalake.pipelines.model;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Messages;

/**
 * What a pipeline, a job or a dataset named in a pipeline config may be called. A pipeline's name
 * goes into Glue job, role, log group and state machine names, so it follows the dataset name rule:
 * 3 to 63 lowercase letters, digits, '_' or '-', starting with a letter.
 */
public final class Names {
    private Names() {
    }

    /**
     * @param field the field the name came from, e.g. {@code pipelines[0].pipeline}
     * @throws LakeConfigException naming the field, the rule and the value
     */
    public static String check(String field, String name) {
        if (name == null || !DatasetLayout.NAME.matcher(name).matches()) {
            throw new LakeConfigException(field + " must be 3 to 63 lowercase letters, digits, '_' or '-', starting"
                    + " with a letter, but " + Messages.quote(name) + " was given");
        }
        return name;
    }
}
