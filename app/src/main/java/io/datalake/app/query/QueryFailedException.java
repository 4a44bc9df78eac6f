package io.datalake.app.query;

/**
 * A query that Athena accepted but could not finish: it failed inside Athena, was cancelled, or
 * the wait for it was interrupted. Not the user's mistake (those are {@code LakeConfigException}s);
 * the CLI prints its one-line message and exits with code 1.
 */
public final class QueryFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryFailedException(String message) {
        super(message);
    }
}
