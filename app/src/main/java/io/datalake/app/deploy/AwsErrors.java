package io.datalake.app.deploy;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into the toolkit's typed one-line errors, so that no SDK stack trace reaches
 * the user: what the user can fix (credentials, permissions, region) becomes an
 * {@link AwsAccessException}, anything else a {@link DeployException}.
 */
public final class AwsErrors {
    /** Error codes with which AWS services refuse a caller they know but do not allow. */
    private static final Set<String> DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError");
    /** Error codes with which AWS services refuse credentials that are wrong, expired or missing. */
    private static final Set<String> BAD_CREDENTIALS = Set.of(
            "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException",
            "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature",
            "MissingAuthenticationToken", "AuthFailure", "RequestExpired");

    private AwsErrors() {
    }

    /**
     * Runs one SDK call and translates its failure.
     *
     * @param action the IAM action, e.g. {@code cloudformation:CreateChangeSet}, for the message
     * @param resource what the call was about, e.g. the stack name
     */
    public static <T> T call(String action, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(action, resource, e);
        }
    }

    public static RuntimeException translate(String action, String resource, SdkException e) {
        if (e instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "" : details.errorCode();
            String message = oneLine(details == null || details.errorMessage() == null
                    ? service.getMessage() : details.errorMessage());
            if (BAD_CREDENTIALS.contains(code)) {
                return new AwsAccessException("AWS did not accept your credentials (" + code + "): " + message
                        + "; refresh them (aws sso login, AWS_PROFILE) and try again");
            }
            if (DENIED.contains(code) || service.statusCode() == 403) {
                return new AwsAccessException("AWS denied " + action + " on " + resource + ": " + message);
            }
            return new DeployException(action + " on " + resource + " failed: " + message
                    + (code.isEmpty() ? "" : " (" + code + ")"), e);
        }
        // Client-side failures carry no error code; the SDK's wording is all there is to go on.
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unable to load region")) {
            return new AwsAccessException("no AWS region is configured: set the environment's region or AWS_REGION");
        }
        if (lower.contains("credentials")) {
            return new AwsAccessException("no usable AWS credentials were found: log in (aws sso login), "
                    + "set AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        return new DeployException(action + " on " + resource + " failed: " + oneLine(message), e);
    }

    /** The message on one line: AWS messages sometimes span several. */
    public static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
