package io.datalake.registry.commit;

/**
 * Another attempt holds the update, or took it over from this one: nothing was committed by this
 * attempt. A retry after the other attempt's lease may take it.
 */
public final class UpdateBusyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UpdateBusyException(String message) {
        super(message);
    }
}
