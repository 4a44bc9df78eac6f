package io.datalake.core.update;

import io.datalake.core.DatasetLayout;
import io.datalake.core.UpdateId;
import java.util.Objects;

/** An update another update was made from: the lineage edge a pipeline records. */
public record UpstreamRef(String dataset, UpdateId update) {
    public UpstreamRef {
        DatasetLayout.checkName(dataset);
        Objects.requireNonNull(update, "update");
    }

    @Override
    public String toString() {
        return dataset + "@" + update;
    }
}
