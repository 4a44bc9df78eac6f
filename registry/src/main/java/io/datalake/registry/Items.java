package io.datalake.registry;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Conversions between registry values and DynamoDB attributes, and the one way calls fail. */
final class Items {
    private Items() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** A required string attribute. */
    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new RegistryException("a registry item lacks the string attribute " + name + ": " + item);
        }
        return value.s();
    }

    /** An optional string attribute, or {@code null}. */
    static String optionalText(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** An optional number attribute, or {@code null}. */
    static Long optionalNumber(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }

    /** Runs a DynamoDB call, turning SDK failures into a {@link RegistryException} naming the table. */
    static <T> T call(String table, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceNotFoundException e) {
            throw new RegistryException("the registry table " + table + " does not exist: deploy the environment first", e);
        } catch (SdkException e) {
            throw new RegistryException("registry table " + table + ": " + e.getMessage(), e);
        }
    }
}
