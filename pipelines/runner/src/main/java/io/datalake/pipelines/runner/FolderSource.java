package io.datalake.pipelines.runner;

import io.datalake.core.dataset.TextFiles;
import io.datalake.pipelines.model.PipelineFiles;
import io.datalake.pipelines.model.PipelineSource;
import java.util.Optional;

/**
 * A pipeline folder wherever Hadoop reaches it: the artifact bucket's {@code pipelines/<name>/} on
 * AWS ({@code s3://}), or a folder on disk ({@code file:}).
 */
final class FolderSource implements PipelineSource {
    private final String folder;
    private final LakeFiles storage;

    FolderSource(String folder, LakeFiles storage) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
        this.storage = storage;
    }

    @Override
    public Optional<String> read(String name) {
        return storage.readBytes(folder + name).map(bytes -> TextFiles.decode(display(name), bytes,
                PipelineFiles.MAX_BYTES, name.endsWith(".sql") ? "a SQL file" : "a pipeline config"));
    }

    @Override
    public String display(String name) {
        return folder + name;
    }
}
