package io.datalake.pipelines.model.step;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Joins two views, either on a condition ({@code on}, a Spark SQL expression that names the views,
 * e.g. {@code lines.product_sku = products.sku}) or on columns both have ({@code using}). Unless
 * {@code select} lists the result's columns, the result has every left column and the right columns
 * the left does not have (for {@code semi} and {@code anti}: the left columns only).
 *
 * @param on     the join condition; empty when {@code using} is given
 * @param using  the columns both sides share; empty when {@code on} is given
 * @param select the result's columns as Spark SQL expressions; empty for the default
 */
public record JoinStep(String view, String left, String right, JoinType type, Optional<String> on,
        List<String> using, List<String> select) implements Step {
    public JoinStep {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(on, "on");
        using = List.copyOf(using);
        select = List.copyOf(select);
        if (on.isPresent() == !using.isEmpty()) {
            throw new IllegalArgumentException("a join needs either on or using, not both");
        }
    }

    @Override
    public List<String> reads() {
        return List.of(left, right);
    }

    @Override
    public String kind() {
        return "join";
    }
}
