package io.datalake.registry.commit;

import io.datalake.core.DatasetLayout;
import io.datalake.core.UpdateId;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import java.util.List;

/** The folder of an update that one commit writes: ingest writes {@code raw/}, conversions and pipeline runs {@code data/}. */
public enum UpdateFolder {
    /** {@code <dataset>/raw/<update>/}, listed as the manifest's raw files. */
    RAW,
    /** {@code <dataset>/data/<update>/}, listed as the manifest's data files. */
    DATA;

    public String prefix(String dataset, UpdateId update) {
        return this == RAW ? DatasetLayout.rawPrefix(dataset, update) : DatasetLayout.dataPrefix(dataset, update);
    }

    /** The files of the folder the manifest lists. */
    public List<ManifestFile> files(UpdateManifest manifest) {
        return this == RAW ? manifest.rawFiles() : manifest.dataFiles();
    }
}
