package io.datalake.registry;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing and the opaque cursor of the next one (empty on the last page), which the
 * API hands to its clients as {@code nextToken}.
 */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
    }
}
