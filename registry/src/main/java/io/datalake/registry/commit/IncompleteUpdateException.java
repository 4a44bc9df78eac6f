package io.datalake.registry.commit;

/**
 * A commit was refused because a file its manifest lists is missing from the folder, or has another
 * size: the update stays as it was, and nothing of it becomes visible.
 */
public final class IncompleteUpdateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public IncompleteUpdateException(String message) {
        super(message);
    }
}
