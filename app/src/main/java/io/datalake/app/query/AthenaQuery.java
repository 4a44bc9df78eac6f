package io.datalake.app.query;

import io.datalake.app.deploy.AwsErrors;
import io.datalake.core.LakeConfigException;
import io.datalake.core.query.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StatementType;

/**
 * Runs an {@link AthenaStatement} through the Athena API: starts it in its workgroup (whose
 * enforced configuration decides where results go and how they are encrypted), polls until it
 * ends, and reads every page of its results. If the JVM is stopped (Ctrl-C) while the query runs,
 * the query is stopped too, so that it does not go on scanning (and costing) unseen.
 */
public final class AthenaQuery {
    /** The catalog of the lake's Glue databases. */
    public static final String CATALOG = "AwsDataCatalog";
    /** Athena's code for a query the user got wrong (a syntax error, an unknown column). */
    private static final int USER_ERROR = 2;
    private static final Duration FIRST_POLL = Duration.ofMillis(200);

    private final AthenaClient athena;
    private final Duration maxPoll;

    /** @param maxPoll the longest wait between two polls; polling starts faster and backs off to it */
    public AthenaQuery(AthenaClient athena, Duration maxPoll) {
        this.athena = Objects.requireNonNull(athena, "athena");
        this.maxPoll = Objects.requireNonNull(maxPoll, "maxPoll");
    }

    /**
     * The rows of a finished query, and what it cost.
     *
     * @param queryId the query execution id, for the Athena console
     * @param scannedBytes the data scanned, which Athena bills
     * @param engineTime the time the query ran in the engine
     */
    public record Outcome(QueryResult result, String queryId, long scannedBytes, Duration engineTime) {
    }

    /**
     * Runs the statement to its end.
     *
     * @throws LakeConfigException when Athena refuses the query as the user's mistake, or IAM the caller
     * @throws QueryFailedException when the query fails for another reason or is cancelled
     */
    public Outcome run(AthenaStatement statement) {
        String id = AwsErrors.call("athena:StartQueryExecution", "workgroup " + statement.workgroup(), () -> {
            try {
                return athena.startQueryExecution(r -> r.queryString(statement.sql()).workGroup(statement.workgroup())
                        .queryExecutionContext(c -> c.catalog(CATALOG).database(statement.database())));
            } catch (InvalidRequestException e) {
                // An unknown or disabled workgroup, or a statement Athena will not even start.
                throw new LakeConfigException("Athena refused the query in workgroup " + statement.workgroup() + ": "
                        + AwsErrors.oneLine(e.awsErrorDetails().errorMessage()));
            }
        }).queryExecutionId();
        Thread stopper = new Thread(() -> stop(id), "stop-athena-query");
        Runtime.getRuntime().addShutdownHook(stopper);
        QueryExecution execution;
        try {
            execution = await(id);
        } finally {
            removeHook(stopper);
        }
        QueryExecutionStatistics statistics = execution.statistics();
        long scanned = statistics == null || statistics.dataScannedInBytes() == null ? 0 : statistics.dataScannedInBytes();
        Duration engine = statistics == null || statistics.engineExecutionTimeInMillis() == null
                ? Duration.ZERO : Duration.ofMillis(statistics.engineExecutionTimeInMillis());
        return new Outcome(results(id, execution.statementType() == StatementType.DML), id, scanned, engine);
    }

    private QueryExecution await(String id) {
        Duration wait = FIRST_POLL.compareTo(maxPoll) < 0 ? FIRST_POLL : maxPoll;
        while (true) {
            QueryExecution execution = AwsErrors.call("athena:GetQueryExecution", "query " + id,
                    () -> athena.getQueryExecution(r -> r.queryExecutionId(id))).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return execution;
            }
            if (state == QueryExecutionState.FAILED) {
                throw failure(id, execution);
            }
            if (state == QueryExecutionState.CANCELLED) {
                throw new QueryFailedException("Athena query " + id + " was cancelled"
                        + reason(execution).map(r -> ": " + r).orElse(""));
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(maxPoll) < 0 ? wait.multipliedBy(2) : maxPoll;
        }
    }

    private static RuntimeException failure(String id, QueryExecution execution) {
        String why = reason(execution).orElse("no reason given");
        AthenaError error = execution.status().athenaError();
        if (error != null && error.errorCategory() != null && error.errorCategory() == USER_ERROR) {
            return new LakeConfigException("Athena refused the query: " + AwsErrors.oneLine(why));
        }
        return new QueryFailedException("Athena query " + id + " failed: " + AwsErrors.oneLine(why));
    }

    private static java.util.Optional<String> reason(QueryExecution execution) {
        AthenaError error = execution.status().athenaError();
        String reason = execution.status().stateChangeReason();
        if ((reason == null || reason.isBlank()) && error != null) {
            reason = error.errorMessage();
        }
        return java.util.Optional.ofNullable(reason).filter(r -> !r.isBlank());
    }

    /** Every page of the results; a SELECT's first row repeats the column names and is dropped. */
    private QueryResult results(String id, boolean headerRow) {
        // The paginator calls Athena while it is iterated, so the whole reading is one translated call.
        return AwsErrors.call("athena:GetQueryResults", "query " + id, () -> readPages(id, headerRow));
    }

    private QueryResult readPages(String id, boolean headerRow) {
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        boolean first = true;
        for (GetQueryResultsResponse page : athena.getQueryResultsPaginator(r -> r.queryExecutionId(id))) {
            if (columns == null) {
                columns = page.resultSet().resultSetMetadata().columnInfo().stream().map(AthenaQuery::label).toList();
            }
            for (Row row : page.resultSet().rows()) {
                if (first && headerRow) {
                    first = false;
                    continue;
                }
                first = false;
                rows.add(row.data().stream().map(Datum::varCharValue).toList());
            }
        }
        return new QueryResult(columns == null ? List.of() : columns, rows);
    }

    private void stop(String id) {
        try {
            athena.stopQueryExecution(r -> r.queryExecutionId(id));
        } catch (RuntimeException e) {
            // The JVM is going down; the query ends on its own.
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs and stops the query.
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailedException("interrupted while waiting for the Athena query");
        }
    }

    /** A column's label (its alias), or its name when Athena gives no label. */
    private static String label(ColumnInfo column) {
        return column.label() != null ? column.label() : column.name();
    }
}
