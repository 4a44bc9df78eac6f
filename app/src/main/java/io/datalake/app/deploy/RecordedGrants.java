package io.datalake.app.deploy;

import io.datalake.core.LakeNames;
import io.datalake.lambda.api.TrustPolicies;
import io.datalake.lambda.api.TrustPolicy;
import io.datalake.lambda.api.exceptions.ApiException;
import io.datalake.registry.GrantRecord;
import io.datalake.registry.GrantRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Puts the grants the REST API recorded back into a dataset's role trust policies after its stack
 * was deployed. CloudFormation writes a role's trust policy from the template whenever the
 * template's policy changes (a new access list in the dataset file, say), which drops the statement
 * the API added; the grants table still holds every grant, so it is the record to restore from.
 */
public final class RecordedGrants {
    private final GrantRegistry grants;
    private final TrustPolicies trust;
    private final LakeNames names;

    public RecordedGrants(GrantRegistry grants, TrustPolicies trust, LakeNames names) {
        this.grants = Objects.requireNonNull(grants, "grants");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.names = Objects.requireNonNull(names, "names");
    }

    /** What restoring did: the grants put back, and why others could not be. */
    public record Outcome(List<GrantRecord> restored, List<String> failures) {
        public Outcome {
            restored = List.copyOf(restored);
            failures = List.copyOf(failures);
        }
    }

    /**
     * Restores every recorded grant of the dataset that its role no longer trusts; the others are
     * left alone. It holds the dataset's grant lock meanwhile, as the API's grant routes do.
     */
    public Outcome restore(String dataset) {
        return grants.underLock(dataset, "lake deploy-dataset " + UUID.randomUUID(), Clock.systemUTC(),
                () -> restoreLocked(dataset)).orElseGet(() -> new Outcome(List.of(),
                List.of("another change to the grants of dataset " + dataset + " is in progress")));
    }

    private Outcome restoreLocked(String dataset) {
        List<GrantRecord> restored = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (GrantRecord grant : grants.list(dataset)) {
            String role = names.datasetRole(dataset, grant.level());
            try {
                TrustPolicy policy = TrustPolicy.parse(trust.read(role).policy());
                // One the role still trusts, or that the file now lists, needs nothing.
                if (!policy.grantedHere(grant.principal()) && !policy.trustsElsewhere(grant.principal())) {
                    trust.write(role, policy.withGrant(grant.principal()).toJson());
                    restored.add(grant);
                }
            } catch (ApiException | SdkException e) {
                failures.add(grant.principal() + " (" + grant.level().id() + "): " + AwsErrors.oneLine(e.getMessage()));
            }
        }
        return new Outcome(restored, failures);
    }
}
