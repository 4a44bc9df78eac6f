package io.datalake.lambda.api.routes;

import io.datalake.core.DatasetLayout;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.Principal;
import io.datalake.lambda.api.ApiRequest;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.NotFound;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;

/** Checks and lookups the route groups share: path parameters that name a dataset, an update, a principal. */
final class Lookups {
    private Lookups() {
    }

    /**
     * The dataset the {@code name} path parameter names.
     *
     * @throws BadRequest naming {@code name} when it cannot be a dataset name
     * @throws NotFound when no such dataset is registered
     */
    static DatasetRegistration dataset(DatasetRegistry datasets, ApiRequest request) {
        String name = datasetName(request);
        return datasets.find(name).orElseThrow(() -> new NotFound("dataset '" + name
                + "' is not registered in this environment; GET /datasets lists those that are"));
    }

    /** The {@code name} path parameter, checked against the dataset name rules. */
    static String datasetName(ApiRequest request) {
        String name = request.pathParameter("name");
        if (!DatasetLayout.NAME.matcher(name).matches()) {
            throw new BadRequest("name", "dataset name must match " + DatasetLayout.NAME.pattern()
                    + " (3 to 63 lowercase letters, digits or '_', starting with a letter), but '" + name + "' was given");
        }
        return name;
    }

    /** The {@code id} path parameter as an update id. */
    static UpdateId updateId(ApiRequest request) {
        String id = request.pathParameter("id");
        if (!UpdateId.FORMAT.matcher(id).matches()) {
            throw new BadRequest("id", "update id must look like 2026-11-21T101500Z-3f9a, but '" + id + "' was given");
        }
        return UpdateId.parse(id);
    }

    /**
     * A role ARN given as a path parameter or body field.
     *
     * @throws BadRequest naming the field when it is not a role ARN
     */
    static String roleArn(String field, String value) {
        if (value == null || !Principal.ROLE_ARN.matcher(value).matches()) {
            throw new BadRequest(field, field + " must be a role ARN, arn:aws:iam::<12 digits>:role/<path/name>, but "
                    + (value == null ? "nothing" : "'" + value + "'") + " was given");
        }
        return value;
    }
}
