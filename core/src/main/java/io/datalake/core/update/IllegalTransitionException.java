package io.datalake.core.update;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An update was asked to move between two states that {@link UpdateState} does not connect, e.g.
 * a complete update to be converted again into something else, or a failed one to complete.
 * Nothing was written.
 */
public final class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient UpdateState from;
    private final transient UpdateState to;

    /**
     * @param what the update, e.g. {@code sales_orders@2026-11-21T101500Z-3f9a}
     * @param from the state it is in, or {@code null} for an update not recorded yet
     * @param to the state asked for
     */
    public IllegalTransitionException(String what, UpdateState from, UpdateState to) {
        super(message(what, from, to));
        this.from = from;
        this.to = to;
    }

    /** The state the update is in; empty for an update not recorded yet. */
    public Optional<UpdateState> from() {
        return Optional.ofNullable(from);
    }

    public UpdateState to() {
        return to;
    }

    private static String message(String what, UpdateState from, UpdateState to) {
        if (from == null) {
            return "update " + what + " cannot start " + to.id() + "; a new update starts "
                    + Arrays.stream(UpdateState.values()).filter(UpdateState::isInitial).map(UpdateState::id)
                            .collect(Collectors.joining(" or "));
        }
        String allowed = Arrays.stream(UpdateState.values()).filter(from::canMoveTo).map(UpdateState::id)
                .collect(Collectors.joining(", "));
        return "update " + what + " is " + from.id() + " and cannot become " + to.id() + "; "
                + (allowed.isEmpty() ? from.id() + " is final" : "it may only become " + allowed);
    }
}
