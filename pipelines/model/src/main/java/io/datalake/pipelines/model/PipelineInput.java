package io.datalake.pipelines.model;

import io.datalake.core.update.LakeUri;
import java.util.Objects;

/**
 * One input of a pipeline: a dataset update, addressed by a {@link LakeUri}, and the alias its
 * view has in the pipeline's SQL ({@code orders: lake://sales_orders}).
 */
public record PipelineInput(String alias, LakeUri uri) {
    public PipelineInput {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(uri, "uri");
    }

    public String dataset() {
        return uri.dataset();
    }

    /** Whether a new complete update of the dataset starts the pipeline. */
    public boolean live() {
        return uri.live();
    }
}
