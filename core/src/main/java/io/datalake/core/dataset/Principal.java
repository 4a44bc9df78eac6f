package io.datalake.core.dataset;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role that is granted access to a dataset, named either by its ARN (a role of any account,
 * possibly with a path) or by its name alone (a role of the lake's own account). Only roles are
 * accepted: granting to users or to whole accounts would bypass the roles that audit access.
 */
public final class Principal {
    /** A role ARN: {@code arn:aws:iam::<12 digits>:role/<path/><name>}. */
    public static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws:iam::(\\d{12}):role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})");
    /** A role name as IAM allows it. */
    public static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    /** What a principal may be, for messages. */
    public static final String ALLOWED = "a role ARN (arn:aws:iam::<12 digits>:role/<path/name>)"
            + " or a role name (1 to 64 letters, digits or +=,.@_-)";

    private final String value;
    private final String account;
    private final String roleName;

    private Principal(String value, String account, String roleName) {
        this.value = value;
        this.account = account;
        this.roleName = roleName;
    }

    /**
     * @param field the field the text came from, for the message, e.g. {@code access.read[1]}
     * @throws DatasetValidationException naming the field, the text and what is allowed
     */
    public static Principal parse(String field, String text) {
        if (text != null) {
            Matcher arn = ROLE_ARN.matcher(text);
            if (arn.matches()) {
                return new Principal(text, arn.group(1), arn.group(3));
            }
            if (ROLE_NAME.matcher(text).matches()) {
                return new Principal(text, null, text);
            }
        }
        throw DatasetValidationException.of(field, field + " must be " + ALLOWED + ", but "
                + Messages.quote(text) + " was given");
    }

    /** The principal as written: an ARN or a role name. */
    public String value() {
        return value;
    }

    /** Whether it is written as an ARN; a bare role name belongs to the lake's own account. */
    public boolean isRoleArn() {
        return account != null;
    }

    /** The account of a role ARN; empty for a bare role name. */
    public Optional<String> account() {
        return Optional.ofNullable(account);
    }

    /** The role's name without its path. */
    public String roleName() {
        return roleName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Principal other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
