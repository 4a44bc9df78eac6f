package io.datalake.core;

/**
 * A user mistake in the lake's configuration (an environment, a name, a setting). Its message is
 * one line that names the field, the value received and what is allowed, so the CLI can print it
 * as it is and exit with code 2.
 */
public class LakeConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LakeConfigException(String message) {
        super(message);
    }
}
