package io.datalake.app.cli;

import io.datalake.core.LakeConfigException;
import io.datalake.app.lake.LakeConnection;
import io.datalake.pipelines.runner.LocalRunLog;
import io.datalake.registry.RegistryException;
import io.datalake.registry.RunRecord;
import io.datalake.registry.RunRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lake runs}: the latest pipeline runs, newest first, from the environment's runs table (on
 * AWS, or the local lake's with {@code --env local}), or from a lake folder's run log.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List pipeline runs, newest first: state, start, duration, rows and error.")
final class RunsCommand implements Callable<Integer> {
    /** How many runs are listed unless --limit says otherwise. */
    static final int DEFAULT_LIMIT = 20;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE", description = "Only this pipeline's runs.")
    String pipeline;

    @Mixin
    TargetOptions target;

    @Option(names = "--lake-dir", paramLabel = "DIR",
            description = "Runs of lake run-pipeline in this lake folder instead of the environment's runs table.")
    Path lakeDir;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "How many runs to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new LakeConfigException("--limit must be 1 or more, but " + limit + " was given");
        }
        List<RunRecord> runs;
        if (lakeDir != null) {
            runs = new LocalRunLog(lakeDir).list(pipeline, limit);
        } else {
            try (LakeConnection connection = target.connect(lake.runtime())) {
                RunRegistry registry = new RunRegistry(connection.dynamo(), connection.names());
                runs = pipeline == null ? registry.recent(limit) : registry.list(pipeline, limit);
            } catch (RegistryException e) {
                spec.commandLine().getErr().println("lake: cannot read the runs table: " + e.getMessage());
                return Lake.DEPLOY_FAILED;
            }
        }
        print(runs, spec.commandLine().getOut());
        return 0;
    }

    static void print(List<RunRecord> runs, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("no runs");
            return;
        }
        String format = "%-24s %-24s %-9s %-20s %8s %10s  %s%n";
        out.printf(format, "RUN", "PIPELINE", "STATE", "STARTED", "TOOK", "ROWS", "ERROR");
        for (RunRecord run : runs) {
            String took = run.endedAt() == null ? "-" : seconds(Duration.between(run.startedAt(), run.endedAt()));
            out.printf(format, run.runId(), run.pipeline(), run.state(), run.startedAt().toString().replaceAll("\\.\\d+Z$", "Z"),
                    took, run.rows() == null ? "-" : run.rows().toString(), run.error() == null ? "" : run.error());
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
