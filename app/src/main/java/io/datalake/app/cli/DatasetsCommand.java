package io.datalake.app.cli;

import io.datalake.app.lake.LakeConnection;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake datasets}: the registered datasets with their tier, owner and latest complete update. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "List the registered datasets.")
final class DatasetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        try (LakeConnection connection = target.connect(lake.runtime())) {
            UpdateRegistry updates = new UpdateRegistry(connection.dynamo(), connection.names());
            List<List<String>> rows = new ArrayList<>();
            for (DatasetRegistration d : new DatasetRegistry(connection.dynamo(), connection.names()).list()) {
                String latest = updates.inState(d.dataset(), UpdateState.COMPLETE).stream()
                        .map(u -> u.update().toString()).max(String::compareTo).orElse("-");
                rows.add(List.of(d.dataset(), d.tier().id(), d.owner(), latest));
            }
            TableOutput.TABLE.print(spec.commandLine().getOut(), List.of("dataset", "tier", "owner", "latest update"), rows);
        }
        return 0;
    }
}
