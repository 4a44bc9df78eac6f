package io.datalake.core.update;

import java.util.List;
import java.util.Optional;

/**
 * The storage an update is committed to, as small as the commit needs (the model is Iceberg's
 * {@code FileIO}): one implementation over the S3 SDK (the Lambdas, the local lake, the CLI) and
 * one over Hadoop's file systems (the Spark runner), so all of them commit the same way.
 * Keys are relative to a bucket; listings leave out folder markers (keys ending in {@code /}).
 */
public interface ObjectStore {
    /** The object's bytes; empty when there is no such object. */
    Optional<byte[]> get(String bucket, String key);

    /**
     * Writes the object unless one exists; returns false when one did. Where the store cannot make
     * this atomic (s3proxy ignores {@code If-None-Match}), the check happens just before the write,
     * and callers guard against concurrent writers themselves (the committer with the registry).
     */
    boolean putIfAbsent(String bucket, String key, byte[] content);

    /** Writes the object, replacing one that exists. */
    void put(String bucket, String key, byte[] content);

    /** Every object under the prefix, in key order. */
    List<StoredObject> list(String bucket, String prefix);

    /** Deletes the object; deleting one that does not exist does nothing. */
    void delete(String bucket, String key);

    /** An object of a listing. */
    record StoredObject(String key, long size) {
    }
}
