package io.datalake.app.query;

import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistryException;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The registry as {@link AthenaStatement} looks datasets up in it. A dataset's read role may only
 * read its own registry items ({@code dynamodb:LeadingKeys}), so a lookup that IAM denies means
 * "not a dataset of yours" rather than a failure: the word it was is left for Athena to judge.
 */
public final class RegistryDatasets implements AthenaStatement.Datasets {
    private final DatasetRegistry datasets;
    private final UpdateRegistry updates;

    public RegistryDatasets(DynamoDbClient dynamo, LakeNames names) {
        this.datasets = new DatasetRegistry(dynamo, names);
        this.updates = new UpdateRegistry(dynamo, names);
    }

    @Override
    public Optional<DatasetSpec> find(String name) {
        try {
            return datasets.find(name).map(r -> DatasetFiles.parse(r.dataset() + " (registry)", r.spec()));
        } catch (RegistryException e) {
            if (denied(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<UpdateId> completeUpdates(String name) {
        return updates.inState(name, UpdateState.COMPLETE).stream().map(UpdateRecord::update).toList();
    }

    private static boolean denied(RegistryException e) {
        return e.getCause() instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "AccessDeniedException".equals(service.awsErrorDetails().errorCode());
    }
}
