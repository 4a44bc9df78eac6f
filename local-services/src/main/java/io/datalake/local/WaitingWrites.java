package io.datalake.local;

import com.google.common.util.concurrent.Striped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;

/**
 * In drop buckets, a write to a key that still holds an untaken delivery waits until the watcher has
 * taken it (the ingest deletes what it took), so that two uploads of one key in quick succession
 * become two deliveries, as S3's versions make them on AWS. Writes of one key are also serialized, so
 * two concurrent uploads cannot both land on a free key. After {@link DropBuckets#maxWait()} the
 * upload is answered {@code 503 SlowDown}, which S3 clients retry.
 */
final class WaitingWrites extends ForwardingBlobStore {
    private static final long POLL_MILLIS = 20;
    private final DropBuckets drops;
    private final Striped<Lock> locks = Striped.lock(64);

    WaitingWrites(BlobStore delegate, DropBuckets drops) {
        super(delegate);
        this.drops = drops;
    }

    @FunctionalInterface
    private interface Write {
        String run();
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return whenFree(container, blob.getMetadata().getName(), () -> super.putBlob(container, blob));
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        return whenFree(container, blob.getMetadata().getName(), () -> super.putBlob(container, blob, options));
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName, CopyOptions options) {
        return whenFree(toContainer, toName, () -> super.copyBlob(fromContainer, fromName, toContainer, toName, options));
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        return whenFree(upload.containerName(), upload.blobName(), () -> super.completeMultipartUpload(upload, parts));
    }

    private String whenFree(String container, String key, Write write) {
        if (!drops.holds(container, key)) {
            return write.run();
        }
        long deadline = System.nanoTime() + drops.maxWait().toNanos();
        Lock lock = locks.get(container + "/" + key);
        try {
            if (!lock.tryLock(drops.maxWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw slowDown(container, key);
            }
            try {
                while (delegate().blobMetadata(container, key) != null) {
                    if (System.nanoTime() > deadline) {
                        throw slowDown(container, key);
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                return write.run();
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw slowDown(container, key);
        }
    }

    private HttpResponseException slowDown(String container, String key) {
        String message = "SlowDown: s3://" + container + "/" + key + " holds a delivery that is not ingested yet;"
                + " the local S3 keeps no versions, so the new upload waits for it: retry";
        return new HttpResponseException(message, null, HttpResponse.builder().statusCode(503).message(message).build());
    }
}
