package io.datalake.app.deploy;

import io.datalake.core.LakeConfigException;

/**
 * The toolkit cannot act on AWS as the user: no or expired credentials, no region, or a permission
 * that IAM denies. It is the user's to fix, so it is a {@link LakeConfigException}: the CLI prints
 * its one-line message and exits with code 2, and nothing was changed.
 */
public final class AwsAccessException extends LakeConfigException {
    private static final long serialVersionUID = 1L;

    public AwsAccessException(String message) {
        super(message);
    }
}
