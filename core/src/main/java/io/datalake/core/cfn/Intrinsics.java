package io.datalake.core.cfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudFormation values with their intrinsic functions rendered as text, for reading what a
 * synthesized stack grants without deploying it: {@code Fn::Join} joined, {@code Ref} of a pseudo
 * parameter as its given value and of anything else as {@code <Id>}, {@code Fn::GetAtt} as
 * {@code <Id.Attr>}, {@code Fn::ImportValue} as {@code import:<name>}, any other function as
 * {@code <Fn::Name>}. The input is plain JSON as Java objects (maps, lists, strings, numbers), as
 * Jackson or {@code Stack.resolve} give it.
 */
public final class Intrinsics {
    private final Map<String, String> pseudo;

    /** @param pseudo values of pseudo parameters, e.g. {@code AWS::Partition} to {@code aws} */
    public Intrinsics(Map<String, String> pseudo) {
        this.pseudo = Map.copyOf(pseudo);
    }

    /** Renders every pseudo parameter as {@code <AWS::Name>}, as the other references. */
    public static Intrinsics unresolved() {
        return new Intrinsics(Map.of());
    }

    /** A value with its intrinsics rendered: scalars as text, lists stay lists, other objects stay objects. */
    public Object resolve(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(item -> resolved.add(resolve(item)));
            return resolved;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return String.valueOf(value);
        }
        if (map.size() == 1) {
            String function = String.valueOf(map.keySet().iterator().next());
            Object argument = map.values().iterator().next();
            switch (function) {
                case "Ref" -> {
                    return pseudo.getOrDefault(String.valueOf(argument), "<" + argument + ">");
                }
                case "Fn::GetAtt" -> {
                    List<?> attribute = argument instanceof List<?> l ? l : List.of(String.valueOf(argument));
                    return "<" + String.join(".", attribute.stream().map(String::valueOf).toList()) + ">";
                }
                case "Fn::ImportValue" -> {
                    return "import:" + text(argument);
                }
                case "Fn::Join" -> {
                    List<?> join = (List<?>) argument;
                    StringBuilder text = new StringBuilder();
                    List<?> parts = (List<?>) join.get(1);
                    for (int i = 0; i < parts.size(); i++) {
                        text.append(i == 0 ? "" : String.valueOf(join.get(0))).append(text(parts.get(i)));
                    }
                    return text.toString();
                }
                default -> {
                    if (function.startsWith("Fn::")) {
                        return "<" + function + ">";
                    }
                }
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v)));
        return resolved;
    }

    /** A value as text: a list as its items joined by ", ". */
    public String text(Object value) {
        Object resolved = resolve(value);
        return resolved instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : String.valueOf(resolved);
    }
}
