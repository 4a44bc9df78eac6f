package io.datalake.app.cli;

import io.datalake.app.lake.LakeConnection;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.Page;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake updates}: a dataset's updates, newest first, with state, size and rows. */
@Command(name = "updates", mixinStandardHelpOptions = true, description = "List a dataset's updates, newest first.")
final class UpdatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Option(names = "--limit", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        DatasetLayout.checkName(dataset);
        if (limit < 1 || limit > 1000) {
            throw new LakeConfigException("--limit must be between 1 and 1000, but " + limit + " was given");
        }
        try (LakeConnection connection = target.connect(lake.runtime())) {
            if (new DatasetRegistry(connection.dynamo(), connection.names()).find(dataset).isEmpty()) {
                throw new LakeConfigException("unknown dataset '" + dataset + "' in " + connection.names().environment().name());
            }
            Page<UpdateRecord> page = new UpdateRegistry(connection.dynamo(), connection.names()).page(dataset, limit, null);
            TableOutput.TABLE.print(spec.commandLine().getOut(), List.of("update", "state", "raw bytes", "rows", "error"),
                    page.items().stream().map(u -> List.of(u.update().toString(), u.state().id(), Long.toString(u.rawBytes()),
                            u.rowCount() == null ? "-" : u.rowCount().toString(), u.error() == null ? "" : u.error())).toList());
        }
        return 0;
    }
}
