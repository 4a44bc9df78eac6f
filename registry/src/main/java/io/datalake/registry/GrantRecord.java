package io.datalake.registry;

import io.datalake.core.AccessLevel;
import java.time.Instant;
import java.util.Objects;

/** A principal's access to a dataset, given through the dataset's role of that level. */
public record GrantRecord(String dataset, String principal, AccessLevel level, String grantedBy, Instant grantedAt) {
    public GrantRecord {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(grantedAt, "grantedAt");
    }
}
