package io.datalake.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The fixed credentials of the local stand-ins. They are not secrets: the services listen on
 * loopback only. Real clients (the AWS CLI) use them too: {@code AWS_ACCESS_KEY_ID=lake}.
 */
public final class LocalCredentials {
    public static final String ACCESS_KEY = "lake";
    public static final String SECRET_KEY = "lake-local-secret";

    private LocalCredentials() {
    }

    public static StaticCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }
}
