package io.datalake.registry;

/** A registry call that failed: the table is missing, access is denied, or DynamoDB failed. */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    public RegistryException(String message) {
        super(message);
    }
}
