package io.datalake.app.lake;

import io.datalake.core.LakeNames;
import io.datalake.lambda.api.TrustPolicies;
import io.datalake.locallake.ApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * IAM's stand-in for the local lake, which has no IAM: the trust policy of each dataset role is a
 * JSON file under {@code <folder>/iam/<role>.json}, starting as AWS creates it (the account may
 * assume the role), so {@code POST /datasets/{name}/grants} and its revoke behave as on AWS and
 * the result can be read. Nothing enforces these policies locally.
 */
final class LocalTrustPolicies implements TrustPolicies {
    /** The account of local ARNs. */
    static final String ACCOUNT = ApiServer.LOCAL_ACCOUNT;
    private static final String INITIAL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final Path folder;

    LocalTrustPolicies(Path folder, LakeNames names) {
        this.folder = folder;
    }

    @Override
    public RoleTrust read(String roleName) {
        Path file = folder.resolve(roleName + ".json");
        try {
            String policy = Files.exists(file) ? Files.readString(file) : INITIAL;
            return new RoleTrust("arn:aws:iam::" + ACCOUNT + ":role/" + roleName, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String roleName, String policy) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(roleName + ".json"), policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
