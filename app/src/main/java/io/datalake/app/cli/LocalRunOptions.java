package io.datalake.app.cli;

import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a run against a local lake folder: the folder, and Spark's threads. */
final class LocalRunOptions {
    /** Local Spark's worker threads unless --threads says otherwise: a laptop's share. */
    static final int DEFAULT_THREADS = 2;

    @Option(names = "--lake-dir", required = true, paramLabel = "DIR",
            description = "The lake folder: one folder per bucket, <dir>/<bucket>/<dataset>/raw|data|updates/...")
    Path lakeDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + DEFAULT_THREADS,
            description = "Spark's local worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    /**
     * The local runner's common arguments for an environment and the dataset files a run uses.
     *
     * @throws LakeConfigException when the lake folder is missing or the threads are not positive
     */
    List<String> runnerArguments(Environment env, List<Path> datasetFiles) {
        if (!Files.isDirectory(lakeDir)) {
            throw new LakeConfigException("--lake-dir " + lakeDir + " is not a folder");
        }
        if (threads < 1) {
            throw new LakeConfigException("--threads must be 1 or more, but " + threads + " was given");
        }
        List<String> args = new ArrayList<>(List.of("--org", env.org(), "--env", env.name(), "--region", env.region(),
                "--lake-dir", lakeDir.toAbsolutePath().toString(), "--threads", String.valueOf(threads)));
        datasetFiles.forEach(file -> args.addAll(List.of("--dataset-file", file.toAbsolutePath().toString())));
        return args;
    }
}
