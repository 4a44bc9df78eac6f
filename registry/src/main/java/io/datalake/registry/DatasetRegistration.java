package io.datalake.registry;

import io.datalake.core.Tier;
import java.time.Instant;
import java.util.Objects;

/**
 * A dataset as the registry records it once its stack is deployed: enough for the API and the CLI
 * to list datasets, find their stack and read their spec without opening the Git repository.
 *
 * @param dataset the dataset's name, the registry's key
 * @param tier the tier whose bucket and key hold the data
 * @param owner who answers for the dataset
 * @param description what the data is; empty when the spec gives none
 * @param env the environment's name, e.g. {@code dev}
 * @param stackName the CloudFormation stack that deployed it
 * @param spec the dataset spec as deployed, as JSON
 * @param deployedAt when the stack was deployed
 */
public record DatasetRegistration(String dataset, Tier tier, String owner, String description, String env,
                                  String stackName, String spec, Instant deployedAt) {
    public DatasetRegistration {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(owner, "owner");
        description = description == null ? "" : description;
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(deployedAt, "deployedAt");
    }
}
