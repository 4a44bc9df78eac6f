package io.datalake.core.conversion;

import io.datalake.core.LakeConfigException;

/**
 * A raw file that does not fit its dataset's schema or format: the producer's mistake. The message
 * is one line naming the file, and where known the line and column, the value and what was expected.
 */
public final class ConversionException extends LakeConfigException {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }

    /** The same problem, as the reason an update failed: both conversions record it in these words. */
    public ConversionException inUpdate(Object update, String dataset) {
        return new ConversionException("update " + update + " of dataset " + dataset + " does not fit its schema: "
                + getMessage());
    }
}
