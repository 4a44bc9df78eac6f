package io.datalake.lambda.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import io.datalake.core.update.IngestRequest;
import io.datalake.core.update.SourceKeys;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.lambda.api.ApiRequest;
import io.datalake.lambda.api.ApiResponse;
import io.datalake.lambda.api.ApiServices;
import io.datalake.lambda.api.Json;
import io.datalake.lambda.api.Router;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.Conflict;
import io.datalake.lambda.api.exceptions.NotFound;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DeliveryLedger;
import io.datalake.registry.Page;
import io.datalake.registry.UpdateRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A dataset's updates: the paged list from the updates table, one update's manifest from S3, and
 * {@code POST}, which accepts a delivery for ingest.
 *
 * <p>A delivery is claimed in the delivery ledger before it is queued, so the same request repeated
 * gets the same update id: with an {@code Idempotency-Key} header the key (with the dataset and the
 * source location) identifies the request; without one, the source object's bucket, key and version
 * (or ETag where the bucket is unversioned) do. A repeated request whose delivery is not done yet is
 * queued again, which the idempotent ingest service absorbs, so a client retrying after a failed
 * call never leaves an accepted update behind.
 */
public final class UpdateRoutes {
    /** Updates per page unless {@code limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    /** The header a client sets to make retries of one request safe. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern S3_URL = Pattern.compile("s3://([^/]+)/(.+)");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = SourceKeys.MAX_BYTES;

    private final ApiServices services;

    public UpdateRoutes(ApiServices services) {
        this.services = services;
    }

    public void register(Router.Builder router) {
        router.add("GET", "/datasets/{name}/updates", this::list);
        router.add("POST", "/datasets/{name}/updates", this::create);
        router.add("GET", "/datasets/{name}/updates/{id}", this::get);
    }

    ApiResponse list(ApiRequest request) {
        request.allowQuery(Set.of("limit", "nextToken"));
        int limit = request.limit(DEFAULT_LIMIT, MAX_LIMIT);
        String token = request.query("nextToken").orElse(null);
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        Page<UpdateRecord> page = page(services, dataset.dataset(), limit, token);
        ArrayNode updates = Json.array();
        page.items().forEach(u -> updates.add(record(u)));
        ObjectNode body = Json.object().put("dataset", dataset.dataset());
        body.set("updates", updates);
        page.next().ifPresent(next -> body.put("nextToken", next));
        return ApiResponse.ok(body);
    }

    /** A page of updates; a token this API did not hand out is the caller's mistake. */
    static Page<UpdateRecord> page(ApiServices services, String dataset, int limit, String token) {
        try {
            return services.updates().page(dataset, limit, token);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("nextToken", "nextToken '" + token + "' is not a token this API returned for dataset "
                    + dataset + "; start again without it");
        }
    }

    ApiResponse get(ApiRequest request) {
        request.allowQuery(Set.of());
        UpdateId update = Lookups.updateId(request);
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        Optional<UpdateManifest> manifest = manifest(services, dataset, update,
                () -> services.updates().find(dataset.dataset(), update));
        if (manifest.isEmpty()) {
            throw new NotFound("dataset " + dataset.dataset() + " has no update " + update + " (no manifest "
                    + DatasetLayout.manifestKey(dataset.dataset(), update) + "); an update accepted moments ago appears"
                    + " once ingest has written its manifest");
        }
        return ApiResponse.ok(Json.parseOwn(manifest.get().toJson()).orElseThrow());
    }

    /**
     * An update's manifest from the tier bucket, or empty when there is none.
     *
     * <p>Without {@code s3:ListBucket} on the bucket, S3 answers a missing key with 403 rather than
     * 404. Then the registry decides: an update it does not know, or knows as receiving or failed,
     * has no manifest yet; a 403 for any other update is a real fault and is thrown.
     *
     * @param record the update's registry record, looked up only when S3 answers 403
     */
    static Optional<UpdateManifest> manifest(ApiServices services, DatasetRegistration dataset, UpdateId update,
                                             Supplier<Optional<UpdateRecord>> record) {
        String bucket = services.names().dataBucket(dataset.tier());
        String key = DatasetLayout.manifestKey(dataset.dataset(), update);
        String json;
        try {
            json = services.s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 403 && record.get().map(r -> r.state() == UpdateState.RECEIVING
                    || r.state() == UpdateState.FAILED).orElse(true)) {
                return Optional.empty();
            }
            throw e;
        }
        UpdateManifest manifest = UpdateManifest.fromJson(json);
        if (!manifest.dataset().equals(dataset.dataset()) || !manifest.update().equals(update)) {
            throw new IllegalStateException("manifest s3://" + bucket + "/" + key + " describes " + manifest);
        }
        return Optional.of(manifest);
    }

    ApiResponse create(ApiRequest request) {
        request.allowQuery(Set.of());
        String name = Lookups.datasetName(request);
        ObjectNode body = request.jsonBody(Set.of("source", "dropKey"));
        Optional<String> source = ApiRequest.text(body, "source");
        Optional<String> dropKey = ApiRequest.text(body, "dropKey");
        if (source.isPresent() == dropKey.isPresent()) {
            throw new BadRequest("source", source.isPresent()
                    ? "source and dropKey exclude each other: give one"
                    : "the body needs source (s3://bucket/key) or dropKey (a key in the dataset's drop bucket)");
        }
        Optional<String> idempotencyKey = request.header(IDEMPOTENCY_KEY);
        if (idempotencyKey.isPresent() && !KEY.matcher(idempotencyKey.get()).matches()) {
            throw new BadRequest(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + " must be 1 to 255 visible ASCII characters without spaces");
        }
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        Location location = dropKey.isPresent()
                ? dropLocation(dataset, dropKey.get())
                : sourceLocation(dataset, source.get());
        HeadObjectResponse head = head(location);
        String versionId = versionId(head);
        String etag = head.eTag() == null ? null : head.eTag().replace("\"", "");
        String version = versionId != null ? versionId : etag == null ? "" : etag;
        UpdateSource.Kind kind = location.bucket().equals(services.names().dropBucket(dataset.tier()))
                ? UpdateSource.Kind.DROP : UpdateSource.Kind.API;
        String deliveryKey = idempotencyKey
                .map(k -> "api:" + name + ":idempotency-key:" + k + ":" + location.bucket() + "/" + location.key())
                .orElseGet(() -> new UpdateSource(kind, location.bucket(), location.key(), version).deliveryKey());

        Instant now = services.clock().instant();
        // The API's record of the request, written before anything is queued: ingest honours a request only if it
        // finds this record under its delivery key and the request matches it.
        DeliveryLedger.Claim claim = services.ledger().claim(deliveryKey, name, UpdateId.create(now, services.random()), now,
                new DeliveryLedger.Accepted(location.bucket(), location.key(), versionId, etag));
        if (!claim.dataset().equals(name)) {
            throw new Conflict(location + " (version " + version + ") was already delivered to dataset " + claim.dataset()
                    + " as update " + claim.update() + "; copy it to a new key to deliver it to " + name);
        }
        if (!claim.done() && claim.accepted() != null) {
            // Queued again from the record, so a retry asks for exactly what was accepted first. A claim without the
            // API's record was made by ingest from the drop event, which finishes it by itself.
            DeliveryLedger.Accepted accepted = claim.accepted();
            services.queue().send(new IngestRequest(name, claim.update(), accepted.bucket(), accepted.key(), deliveryKey,
                    accepted.versionId(), accepted.etag()));
        }
        String path = request.callerPath() + "/" + claim.update();
        ObjectNode response = Json.object().put("dataset", name).put("update", claim.update().toString())
                .put("status", claim.done() ? "done" : "accepted").put("replayed", !claim.fresh())
                .put("source", location.toString()).put("version", version).put("location", path);
        return ApiResponse.accepted(response, path);
    }

    /** An object in S3. */
    record Location(String field, String bucket, String key) {
        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }

    private Location dropLocation(DatasetRegistration dataset, String key) {
        checkKey("dropKey", key, dataset);
        return new Location("dropKey", services.names().dropBucket(dataset.tier()), key);
    }

    private Location sourceLocation(DatasetRegistration dataset, String url) {
        Matcher m = S3_URL.matcher(url);
        if (!m.matches() || !BUCKET.matcher(m.group(1)).matches()) {
            throw new BadRequest("source", "source must be an S3 URL s3://<bucket>/<key>, but '" + printable(url) + "' was given");
        }
        String bucket = m.group(1);
        String key = m.group(2);
        LakeNames names = services.names();
        String drop = names.dropBucket(dataset.tier());
        if (bucket.equals(drop)) {
            checkKey("source", key, dataset);
        } else if (!services.sourceBuckets().contains(bucket)) {
            throw new BadRequest("source", "source bucket " + bucket + " is not one the lake ingests from: use the dataset's"
                    + " drop bucket " + drop + (services.sourceBuckets().isEmpty() ? ""
                    : " or one of " + String.join(", ", services.sourceBuckets().stream().sorted().toList())));
        } else {
            SourceKeys.problem(key).ifPresent(problem -> {
                throw new BadRequest("source", "the key of source '" + printable(url) + "' " + problem);
            });
        }
        return new Location("source", bucket, key);
    }

    /** A key in the drop bucket must be an object under the dataset's own prefix. */
    private static void checkKey(String field, String key, DatasetRegistration dataset) {
        String prefix = DatasetLayout.prefix(dataset.dataset());
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            throw new BadRequest(field, field + " must name an object under " + prefix + " in the dataset's drop bucket (at most "
                    + MAX_KEY_BYTES + " bytes, not ending in '/'), but '" + printable(key) + "' was given");
        }
        SourceKeys.problem(key).ifPresent(problem -> {
            throw new BadRequest(field, field + " '" + printable(key) + "' " + problem);
        });
    }

    /** A key as a message may show it: control characters escaped, cut after 200 characters. */
    static String printable(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c) || Character.isSurrogate((char) c) && c <= 0xFFFF) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return key.codePointCount(0, key.length()) > 200 ? out + "..." : out.toString();
    }

    /**
     * The object as S3 has it now. S3 refusing the request for anything the caller named (no such
     * object, no access, a key it will not take) is the caller's mistake: a 400 naming the field.
     * Only S3 failing (5xx) is the lake's fault.
     */
    private HeadObjectResponse head(Location location) {
        try {
            return services.s3().headObject(r -> r.bucket(location.bucket()).key(location.key()));
        } catch (NoSuchKeyException e) {
            throw new BadRequest(location.field(), "there is no object at " + location);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new BadRequest(location.field(), "there is no object at " + location);
            }
            if (e.statusCode() == 403) {
                throw new BadRequest(location.field(), "there is no object at " + location + " that the lake may read"
                        + " (S3 answered 403: the object is missing, or the bucket does not let the lake read it)");
            }
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                throw new BadRequest(location.field(), "S3 refused to read " + location + " (" + e.statusCode()
                        + (e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode()) + ")");
            }
            throw e;
        }
    }

    /** The object's version id, or {@code null} where the bucket keeps no versions. */
    private static String versionId(HeadObjectResponse head) {
        String versionId = head.versionId();
        return versionId == null || versionId.isEmpty() || versionId.equals("null") ? null : versionId;
    }

    /** An update as the list shows it. */
    static ObjectNode record(UpdateRecord u) {
        ObjectNode node = Json.object().put("update", u.update().toString()).put("state", u.state().id())
                .put("createdAt", u.createdAt().toString()).put("updatedAt", u.updatedAt().toString())
                .put("rawBytes", u.rawBytes());
        if (u.rowCount() != null) {
            node.put("rowCount", u.rowCount());
        }
        if (u.error() != null) {
            node.put("error", u.error());
        }
        return node;
    }
}
