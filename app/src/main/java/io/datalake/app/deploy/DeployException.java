package io.datalake.app.deploy;

/**
 * A deployment that could not be planned or carried out: CloudFormation rejected a template or a
 * change set, a stack is busy, AWS could not be reached. Its message is one line the CLI prints as
 * it is (exit code 1); CloudFormation's own rollback has left the previous version in place.
 */
public class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
