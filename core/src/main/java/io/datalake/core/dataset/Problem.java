package io.datalake.core.dataset;

import java.util.Objects;

/**
 * One mistake in a dataset, located where the user can fix it. It renders as one line,
 * {@code sales.yaml:4: tier must be one of internal, restricted, sensitive, but 'public' was given},
 * the shape compilers use, so editors and CI logs link straight to the line.
 *
 * @param file    the file as the user named it; {@code null} for a spec built in code
 * @param line    the 1-based line, or 0 when the problem concerns the file as a whole (e.g. it is missing)
 * @param field   the path of the field, e.g. {@code format.delimiter} or {@code schema[2].type};
 *                empty for the file as a whole
 * @param message what is wrong, naming the field, the value given and what is allowed
 */
public record Problem(String file, int line, String field, String message) {

    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or more, but " + line + " was given");
        }
    }

    /** A problem found in a spec built in code, which has no file or line. */
    public static Problem of(String field, String message) {
        return new Problem(null, 0, field, message);
    }

    /** This problem, located in a file. */
    Problem at(String file, int line) {
        return new Problem(file, line, field, message);
    }

    /** {@code file:line: message}; {@code file: message} without a line; the message alone without a file. */
    @Override
    public String toString() {
        if (file == null) {
            return message;
        }
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
