package io.datalake.lambda.api;

import io.datalake.core.PercentCodec;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.MethodNotAllowed;
import io.datalake.lambda.api.exceptions.NotFound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the route of a request. API Gateway's REST proxy integration names the matched resource
 * template ({@code resource: /datasets/{name}}) and its {@code pathParameters}; when it does not (a
 * greedy {@code /{proxy+}} resource, or the local HTTP adapter) the path is matched segment by
 * segment. Parameters are percent-decoded once either way: none of their valid values (dataset
 * names, update ids, role ARNs) holds a {@code %}, so decoding is harmless where API Gateway
 * already decoded them.
 */
public final class Router {
    /** What a route does with a request. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /** A method and a path template as in the OpenAPI description: {@code GET /datasets/{name}}. */
    public record Route(String method, String template) {
        public Route {
            method = method.toUpperCase(Locale.ROOT);
            Objects.requireNonNull(template, "template");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** A matched route with its decoded path parameters. */
    public record Match(Route route, Handler handler, Map<String, String> parameters) {
    }

    private record Entry(Route route, String[] segments, Handler handler) {
        List<String> parameters() {
            List<String> names = new ArrayList<>();
            for (String segment : segments) {
                if (segment.startsWith("{")) {
                    names.add(segment.substring(1, segment.length() - 1));
                }
            }
            return names;
        }
    }

    private final List<Entry> entries;

    private Router(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every route, in the order added. */
    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /**
     * @param resource API Gateway's resource template, or {@code null}
     * @param pathParameters API Gateway's path parameters, or {@code null}
     * @throws NotFound when no route has the path
     * @throws MethodNotAllowed when routes have the path but not the method
     * @throws BadRequest naming a path parameter that is not properly percent-encoded
     */
    public Match match(String method, String resource, String path, Map<String, String> pathParameters) {
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        List<String> allowed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.route.template().equals(resource)) {
                Map<String, String> given = pathParameters == null ? Map.of() : pathParameters;
                if (!given.keySet().containsAll(entry.parameters())) {
                    continue; // not API Gateway's own event: match the path instead
                }
                if (entry.route.method().equals(verb)) {
                    return new Match(entry.route, entry.handler, decode(given));
                }
                allowed.add(entry.route.method());
            }
        }
        if (allowed.isEmpty()) {
            String[] segments = split(path);
            for (Entry entry : entries) {
                Map<String, String> raw = bind(entry.segments, segments);
                if (raw != null) {
                    if (entry.route.method().equals(verb)) {
                        return new Match(entry.route, entry.handler, decode(raw));
                    }
                    allowed.add(entry.route.method());
                }
            }
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(path + " does not take " + verb + "; it takes " + String.join(", ", allowed), allowed);
        }
        throw new NotFound("no route " + verb + " " + path + "; see the API's OpenAPI description for its routes");
    }

    private static Map<String, String> bind(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                parameters.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static Map<String, String> decode(Map<String, String> raw) {
        Map<String, String> decoded = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            try {
                decoded.put(name, PercentCodec.decode(value));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(name, "path parameter " + name + " is not properly percent-encoded: " + e.getMessage());
            }
        });
        return decoded;
    }

    private static String[] split(String path) {
        String p = path == null ? "" : path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** Collects routes; a template is added once per method. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String method, String template, Handler handler) {
            Route route = new Route(method, template);
            if (entries.stream().anyMatch(e -> e.route.equals(route))) {
                throw new IllegalArgumentException("route " + route + " is added twice");
            }
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("template must start with '/', but '" + template + "' was given");
            }
            entries.add(new Entry(route, split(template), Objects.requireNonNull(handler, "handler")));
            return this;
        }

        public Router build() {
            return new Router(entries);
        }
    }
}
