package io.datalake.app.cli;

import io.datalake.app.LakeApp;
import io.datalake.app.lake.LakeConnection;
import io.datalake.app.pipeline.LocalTarget;
import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where a local run happens: the local lake of {@code lake local} ({@code --env local}, its folder
 * given by {@code --dir}), or any folder laid out like the lake's buckets ({@code --lake-dir}, for
 * any environment); and Spark's threads.
 */
final class LocalRunOptions {
    /** Local Spark's worker threads unless --threads says otherwise: a laptop's share. */
    static final int DEFAULT_THREADS = 2;

    @Option(names = "--lake-dir", paramLabel = "DIR",
            description = "A lake folder: one folder per bucket, <dir>/<bucket>/<dataset>/raw|data|updates/...")
    Path lakeDir;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".lake",
            description = "With --env local: the local lake's data folder (default: ${DEFAULT-VALUE}).")
    Path localDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + DEFAULT_THREADS,
            description = "Spark's local worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    /**
     * The target of the run: {@code --lake-dir} when given, else the local lake for {@code --env local}.
     *
     * @throws LakeConfigException when neither applies, or the folder is missing
     */
    LocalTarget target(Environment env, LakeRuntime runtime, Function<String, Tier> tierOf) {
        if (threads < 1) {
            throw new LakeConfigException("--threads must be 1 or more, but " + threads + " was given");
        }
        if (lakeDir != null) {
            if (!Files.isDirectory(lakeDir)) {
                throw new LakeConfigException("--lake-dir " + lakeDir + " is not a folder");
            }
            return LocalTarget.folder(lakeDir);
        }
        if (!LakeApp.LOCAL.equals(env.name())) {
            throw new LakeConfigException("environment " + env.name() + " runs on AWS: run against --env local (the lake"
                    + " of lake local) or give a lake folder with --lake-dir DIR");
        }
        return LocalTarget.localLake(LakeConnection.open(env, localDir, runtime.dynamoDb(), runtime.s3()), tierOf);
    }

    /** The local runner's common arguments for an environment, a target and the dataset files a run uses. */
    List<String> runnerArguments(Environment env, LocalTarget target, List<Path> datasetFiles) {
        List<String> args = new ArrayList<>(List.of("--org", env.org(), "--env", env.name(), "--region", env.region(),
                "--lake-dir", target.folder().toAbsolutePath().toString(), "--threads", String.valueOf(threads),
                "--run-log", target.runLogInFolder() ? "folder" : "none"));
        datasetFiles.forEach(file -> args.addAll(List.of("--dataset-file", file.toAbsolutePath().toString())));
        return args;
    }

    /** How the lake is named in messages. */
    String describe(LocalTarget target) {
        return lakeDir != null ? lakeDir.toString() : "the local lake in " + localDir;
    }
}
