package io.datalake.core.dataset;

import java.util.regex.Pattern;

/**
 * AWS's rules for resource tags, checked when a dataset file is read so that a bad tag fails there,
 * with its line, rather than halfway through a CloudFormation deployment.
 */
public final class Tags {
    /** AWS's limit of tags per resource. */
    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    /** The characters AWS allows in tag keys and values: letters, digits, spaces and {@code _.:/=+-@}. */
    public static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final String ALLOWED_CHARACTERS = "letters, digits, spaces or _.:/=+-@";

    private Tags() {
    }

    /**
     * Checks one tag.
     *
     * @throws DatasetValidationException for field {@code tags.<key>}, naming the key or value and the rule
     */
    public static void check(String key, String value) {
        String field = "tags." + key;
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !CHARACTERS.matcher(key).matches()) {
            throw DatasetValidationException.of(field, "tags key must be 1 to " + MAX_KEY_LENGTH + " "
                    + ALLOWED_CHARACTERS + ", but " + Messages.quote(key) + " was given");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw DatasetValidationException.of(field, "tags key must not start with 'aws:', which AWS reserves"
                    + " for its own tags, but " + Messages.quote(key) + " was given");
        }
        if (value == null || value.length() > MAX_VALUE_LENGTH || !CHARACTERS.matcher(value).matches()) {
            throw DatasetValidationException.of(field, field + " must be 0 to " + MAX_VALUE_LENGTH + " "
                    + ALLOWED_CHARACTERS + ", but " + (value == null ? "nothing" : Messages.quote(value)) + " was given");
        }
    }

    /** @throws DatasetValidationException when there are more tags than AWS allows on a resource */
    public static void checkCount(int count) {
        if (count > MAX_TAGS) {
            throw DatasetValidationException.of("tags", "tags must hold at most " + MAX_TAGS
                    + " tags (AWS's limit per resource), but " + count + " were given");
        }
    }
}
