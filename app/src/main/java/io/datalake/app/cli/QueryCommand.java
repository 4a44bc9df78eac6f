package io.datalake.app.cli;

import io.datalake.app.lake.LakeConnection;
import io.datalake.app.query.AthenaQuery;
import io.datalake.app.query.AthenaStatement;
import io.datalake.app.query.RegistryDatasets;
import io.datalake.core.LakeConfigException;
import io.datalake.core.query.QueryResult;
import io.datalake.locallake.LocalQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * {@code lake query}: SQL over every dataset's latest complete update, each a table named after the
 * dataset, with the same SQL locally (DuckDB) and on AWS (Athena).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL over the datasets' latest complete updates, each a table named after its dataset:",
                "DuckDB over the local lake, or Athena in the dataset's workgroup with --env dev|uat|prod."})
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

    @Option(names = "--workgroup", paramLabel = "NAME",
            description = {"On AWS, the Athena workgroup to run in. Default: the dataset's own; the internal tier's"
                    + " when the query reads several internal datasets."})
    String workgroup;

    @Option(names = "--show-sql",
            description = {"On AWS, print the statement Athena would run (each dataset bound to its update) and its"
                    + " workgroup, without running it: for a SQL client or the Athena console."})
    boolean showSql;

    @Override
    public Integer call() {
        TableOutput output;
        try {
            output = TableOutput.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LakeConfigException("--format must be one of table, csv, json, but '" + format + "' was given");
        }
        try (LakeConnection connection = target.connect(lake.runtime())) {
            QueryResult result;
            if (connection.local().isPresent()) {
                if (workgroup != null || showSql) {
                    throw new LakeConfigException((showSql ? "--show-sql" : "--workgroup") + " is for Athena;"
                            + " the local lake runs the SQL as written, on DuckDB");
                }
                result = new LocalQuery(connection.local().get()).run(sql);
            } else if (showSql) {
                AthenaStatement statement = statement(connection);
                spec.commandLine().getOut().println("-- workgroup " + statement.workgroup() + ", database "
                        + statement.database() + "\n" + statement.sql() + ";");
                return 0;
            } else {
                result = athena(connection);
            }
            output.print(spec.commandLine().getOut(), result.columns(), result.rows());
        }
        return 0;
    }

    private AthenaStatement statement(LakeConnection connection) {
        return AthenaStatement.of(sql, connection.names(), new RegistryDatasets(connection.dynamo(), connection.names()),
                workgroup);
    }

    private QueryResult athena(LakeConnection connection) {
        AthenaStatement statement = statement(connection);
        try (AthenaClient client = lake.runtime().athena().apply(connection.names().environment().region())) {
            AthenaQuery.Outcome outcome = new AthenaQuery(client, lake.runtime().pollInterval()).run(statement);
            // On stderr, so that --format csv|json output stays clean for pipes.
            spec.commandLine().getErr().println(outcome.result().rows().size() + " row(s) from "
                    + statement.datasets().entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).toList()
                    + " in workgroup " + statement.workgroup() + "; scanned " + outcome.scannedBytes() + " bytes in "
                    + outcome.engineTime().toMillis() + " ms (query " + outcome.queryId() + ")");
            return outcome.result();
        }
    }
}
