package io.datalake.app.deploy;

import io.datalake.core.LakeNames;
import io.datalake.lambda.api.TrustPolicies;
import io.datalake.lambda.api.TrustPolicy;
import io.datalake.lambda.api.exceptions.ApiException;
import io.datalake.registry.GrantRecord;
import io.datalake.registry.GrantRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Puts the grants the REST API recorded back into a dataset's role trust policies after its stack
 * was deployed. CloudFormation writes a role's trust policy from the template whenever the
 * template's policy changes (a new access list in the dataset file, say), which drops the statement
 * the API added; the grants table still holds every grant, so it is the record to restore from.
 */
public final class RecordedGrants {
    private static final java.time.Duration LOCK_LEASE = java.time.Duration.ofSeconds(60);
    private static final int LOCK_ATTEMPTS = 20;
    private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofMillis(250);
    private final GrantRegistry grants;
    private final TrustPolicies trust;
    private final LakeNames names;

    public RecordedGrants(GrantRegistry grants, TrustPolicies trust, LakeNames names) {
        this.grants = Objects.requireNonNull(grants, "grants");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.names = Objects.requireNonNull(names, "names");
    }

    /** What restoring found: grants put back, grants already in place, and grants that could not be restored. */
    public record Outcome(List<GrantRecord> restored, int inPlace, List<String> failures) {
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
        String owner = "lake deploy-dataset " + java.util.UUID.randomUUID();
        for (int attempt = 1; !grants.lock(dataset, owner, java.time.Instant.now(), LOCK_LEASE); attempt++) {
            if (attempt == LOCK_ATTEMPTS) {
                return new Outcome(List.of(), 0, List.of("another change to the grants of dataset " + dataset
                        + " is in progress"));
            }
            try {
                Thread.sleep(LOCK_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(List.of(), 0, List.of("interrupted while waiting for the grant lock"));
            }
        }
        try {
            return restoreLocked(dataset);
        } finally {
            grants.unlock(dataset, owner);
        }
    }

    private Outcome restoreLocked(String dataset) {
        List<GrantRecord> restored = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int inPlace = 0;
        for (GrantRecord grant : grants.list(dataset)) {
            String role = names.datasetRole(dataset, grant.level());
            try {
                TrustPolicy policy = TrustPolicy.parse(trust.read(role).policy());
                if (policy.grantedHere(grant.principal()) || policy.trustsElsewhere(grant.principal())) {
                    inPlace++;
                } else {
                    trust.write(role, policy.withGrant(grant.principal()).toJson());
                    restored.add(grant);
                }
            } catch (ApiException | SdkException e) {
                failures.add(grant.principal() + " (" + grant.level().id() + "): " + AwsErrors.oneLine(e.getMessage()));
            }
        }
        return new Outcome(restored, inPlace, failures);
    }
}
