package io.datalake.app.cli;

import io.datalake.app.lake.LakeConnection;
import io.datalake.core.LakeConfigException;
import io.datalake.locallake.LocalQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake query}: SQL over every dataset's latest complete update, each a table named after the dataset. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run SQL over the datasets' latest complete updates (DuckDB over the local lake).")
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT count(*) FROM sales_orders\".")
    String sql;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
            description = "How to print the rows (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        TableOutput output;
        try {
            output = TableOutput.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LakeConfigException("--format must be one of table, csv, json, but '" + format + "' was given");
        }
        try (LakeConnection connection = target.connect(lake.runtime())) {
            if (connection.local().isEmpty()) {
                throw new LakeConfigException("lake query runs over the local lake; on AWS query with Athena in the"
                        + " dataset's workgroup (" + connection.names().datasetWorkgroup("<dataset>") + ")");
            }
            LocalQuery.Result result = new LocalQuery(connection.local().get()).run(sql);
            output.print(spec.commandLine().getOut(), result.columns(), result.rows());
        }
        return 0;
    }
}
