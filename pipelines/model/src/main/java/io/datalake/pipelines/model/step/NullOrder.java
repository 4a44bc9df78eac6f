package io.datalake.pipelines.model.step;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/** Where {@link SortStep} puts rows whose sort column is null. */
public enum NullOrder {
    FIRST,
    LAST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NullOrder parse(String field, String value) {
        return Messages.parseId(field, value, values(), NullOrder::id);
    }
}
