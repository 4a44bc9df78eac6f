package io.datalake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.domain.internal.MutableStorageMetadataImpl;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * s3proxy's filesystem backend, listed as S3 lists a bucket: only complete objects. The backend
 * lists things S3 never shows, and clients trip over them:
 * <ul>
 *   <li>every directory as a 4096-byte object {@code a/b/} (S3 has no directories; {@code aws s3
 *       sync} downloads fail on them). Directories without an ETag are left out; an explicit folder
 *       placeholder (a zero-byte {@code PUT a/b/}, which has one) is listed with size 0, as on S3;</li>
 *   <li>multipart uploads in progress: their parts and stubs under {@value #MULTIPART_PREFIX}{@code <upload>-<key>},
 *       and a zero-byte stub named after the upload id at the bucket root, which s3proxy removes only
 *       after the parts are joined. Such a stub is left out while its upload's parts exist, and for
 *       {@link #STUB_GRACE} after;</li>
 *   <li>the temporary file {@code <key>-<uuid>} an upload is streamed into before it is renamed to its key:
 *       left out while it has no ETag (the backend stores the MD5 only once the file is whole).</li>
 * </ul>
 * Delimited listings keep their common prefixes (folders), minus the multipart ones.
 */
final class S3Listing extends ForwardingBlobStore {
    /** The prefix of the backend's multipart upload parts and stubs. */
    static final String MULTIPART_PREFIX = ".mpus-";
    /** How long an upload-id stub stays hidden once its upload's parts are gone (s3proxy removes it right after). */
    static final Duration STUB_GRACE = Duration.ofMinutes(1);
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern UPLOAD_ID = Pattern.compile(UUID);
    private static final Pattern TEMPORARY = Pattern.compile("(?s).+-" + UUID);

    private final Path folder;

    /**
     * @param delegate the filesystem blob store
     * @param folder its base folder, holding one folder per bucket
     */
    S3Listing(BlobStore delegate, Path folder) {
        super(delegate);
        this.folder = folder;
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        PageSet<? extends StorageMetadata> page = super.list(container, options);
        boolean delimited = options.getDelimiter() != null || !options.isRecursive();
        List<StorageMetadata> shown = new ArrayList<>(page.size());
        for (StorageMetadata entry : page) {
            String name = entry.getName();
            if (name == null || name.startsWith(MULTIPART_PREFIX)) {
                continue;
            }
            boolean folderEntry = entry.getType() == StorageType.FOLDER || entry.getType() == StorageType.RELATIVE_PATH
                    || name.endsWith("/");
            if (folderEntry) {
                if (delimited && entry.getType() != StorageType.BLOB) {
                    shown.add(entry); // a common prefix
                } else if (entry.getETag() != null) {
                    MutableStorageMetadataImpl placeholder = new MutableStorageMetadataImpl(entry);
                    placeholder.setSize(0L);
                    placeholder.setType(StorageType.BLOB);
                    shown.add(placeholder);
                }
                continue;
            }
            if (entry.getETag() == null && TEMPORARY.matcher(name).matches()) {
                continue;
            }
            if (isUploadStub(container, entry)) {
                continue;
            }
            shown.add(entry);
        }
        return new PageSetImpl<>(shown, page.getNextMarker());
    }

    private boolean isUploadStub(String container, StorageMetadata entry) {
        String name = entry.getName();
        if (!UPLOAD_ID.matcher(name).matches() || entry.getSize() == null || entry.getSize() != 0) {
            return false;
        }
        if (entry.getLastModified() != null
                && entry.getLastModified().toInstant().isAfter(Instant.now().minus(STUB_GRACE))) {
            return true;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder.resolve(container), MULTIPART_PREFIX + name + "-*")) {
            return parts.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
