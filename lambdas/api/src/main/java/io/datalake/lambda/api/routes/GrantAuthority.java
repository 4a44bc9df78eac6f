package io.datalake.lambda.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetValidationException;
import io.datalake.core.dataset.Principal;
import io.datalake.lambda.api.Json;
import io.datalake.lambda.api.exceptions.Forbidden;
import io.datalake.registry.DatasetRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may change a dataset's grants: a session of the dataset's admin role, or of a role the
 * dataset file lists under {@code access.admin}. API Gateway's IAM authorisation only says who may
 * call the API at all; without this, anyone allowed to list datasets could grant themselves the
 * read role of a sensitive one.
 */
final class GrantAuthority {
    /** {@code arn:<partition>:sts::<account>:assumed-role/<role>/<session>}: how a role's caller appears. */
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:aws[a-z-]*:sts::(\\d{12}):assumed-role/([^/]+)/.+");

    private GrantAuthority() {
    }

    /**
     * @param callerArn the caller's identity as API Gateway saw it
     * @throws Forbidden when the caller is not one of the dataset's administrators
     */
    static void requireAdmin(LakeNames names, DatasetRegistration dataset, String callerArn) {
        String adminRole = names.datasetRole(dataset.dataset(), AccessLevel.ADMIN);
        Matcher session = callerArn == null ? null : ASSUMED_ROLE.matcher(callerArn);
        if (session != null && session.matches()) {
            String account = session.group(1);
            String role = session.group(2);
            if (role.equals(adminRole) || admins(dataset).stream().anyMatch(p -> p.roleName().equals(role)
                    && p.account().map(account::equals).orElse(true))) {
                return;
            }
        }
        throw new Forbidden((callerArn == null ? "the request carries no IAM identity" : callerArn + " is not an"
                + " administrator of dataset " + dataset.dataset()) + ": grants are changed through the dataset's admin"
                + " role " + adminRole + " or a role its file lists under access.admin");
    }

    /** The principals of the deployed file's {@code access.admin}; the API reads the spec's JSON without YAML. */
    private static List<Principal> admins(DatasetRegistration dataset) {
        List<Principal> admins = new ArrayList<>();
        Optional<JsonNode> spec = Json.parseOwn(dataset.spec());
        for (JsonNode admin : spec.map(s -> s.path("access").path("admin")).orElse(Json.array())) {
            try {
                admins.add(Principal.parse("access.admin", admin.asText()));
            } catch (DatasetValidationException e) {
                // The file was validated when deployed; a principal that does not parse grants nothing.
            }
        }
        return admins;
    }
}
