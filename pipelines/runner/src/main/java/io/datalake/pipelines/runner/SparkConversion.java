package io.datalake.pipelines.runner;

import io.datalake.core.conversion.ConversionException;
import io.datalake.core.conversion.ConversionSql;
import io.datalake.core.conversion.RawFile;
import io.datalake.core.conversion.SqlDialect;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.FileType;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The conversion contract ({@link ConversionSql}) run by Spark: the raw files of one update as the
 * dataset's typed rows, in the order delivered (files in the manifest's order), ready to be written.
 * Spark reads every value as text (JSON lines through {@link JsonRecord}); the contract decides what
 * fits, the same way DuckDB does in the local lake.
 */
final class SparkConversion {
    private static final SqlDialect SQL = SqlDialect.SPARK;

    private final SparkSession session;
    private final DatasetSpec dataset;
    private final List<RawFile> files = new ArrayList<>();
    private final List<String> paths;
    private final List<List<String>> columns;

    /**
     * @param paths the raw files' locations (any Hadoop file system), in the manifest's order
     * @param names their names relative to the update's raw folder, for messages
     * @throws ConversionException when a file's header or gzip stream is wrong, before Spark reads anything
     */
    SparkConversion(SparkSession session, DatasetSpec dataset, List<String> paths, List<String> names) {
        this.session = session;
        this.dataset = dataset;
        this.paths = paths;
        if (paths.isEmpty()) {
            throw new ConversionException("the update lists no raw files");
        }
        Configuration hadoop = session.sparkContext().hadoopConfiguration();
        for (int f = 0; f < paths.size(); f++) {
            Path path = new Path(paths.get(f));
            files.add(new RawFile(names.get(f), () -> path.getFileSystem(hadoop).open(path)));
        }
        this.columns = files.stream().map(f -> f.inspect(dataset)).toList();
        if (dataset.format().type() == FileType.CSV) {
            checkQuotesClosed();
        }
    }

    /**
     * Spark's CSV parser takes a quote that is never closed in a file's last value as running to the
     * end of the file, where DuckDB refuses it. In a well-formed file quotes come in pairs (an escaped
     * quote is doubled), so an odd count of them in a file means one is never closed: counted in
     * parallel, one pass over the text.
     */
    private void checkQuotesClosed() {
        Dataset<Row> counts = null;
        for (int f = 0; f < paths.size(); f++) {
            Dataset<Row> one = session.read().text(paths.get(f)).selectExpr(f + " AS file",
                    "length(value) - length(replace(value, '\"', '')) AS quotes");
            counts = counts == null ? one : counts.union(one);
        }
        for (Row row : counts.groupBy("file").agg(functions.sum("quotes").as("quotes")).where("quotes % 2 = 1").collectAsList()) {
            RawFile file = files.get(row.getInt(0));
            throw new ConversionException(file.firstBadRecord(dataset.format(), columns.get(row.getInt(0)).size())
                    .orElse(file.name() + ": a quoted value is never closed"));
        }
    }

    /**
     * The typed rows in delivered order, failing when written if a value does not fit. No shuffle:
     * each file is read on its own and the union keeps the files' partitions in the manifest's order,
     * so the part files, in name order, hold the rows as delivered; within a task the rows are sorted
     * by the partition columns first (what the partitioned write needs anyway), then by position.
     */
    Dataset<Row> rows() {
        List<String> order = new ArrayList<>(dataset.partitioning());
        order.add(ConversionSql.FILE);
        order.add(ConversionSql.ROW);
        return text().selectExpr(new ConversionSql(dataset, SQL).typedColumns().toArray(String[]::new))
                .sortWithinPartitions(order.stream().map(functions::col).toArray(org.apache.spark.sql.Column[]::new))
                .drop(ConversionSql.FILE, ConversionSql.ROW);
    }

    /** Why writing {@link #rows()} failed, in the contract's words. */
    ConversionException diagnose(Throwable failure) {
        String view = "raw_text_" + Long.toUnsignedString(System.nanoTime());
        text().withColumn(ConversionSql.ROW, functions.expr("row_number() OVER (PARTITION BY " + ConversionSql.FILE
                + " ORDER BY " + ConversionSql.ROW + ")")).createOrReplaceTempView(view);
        try {
            return new ConversionSql(dataset, SQL).diagnose(q -> session.sql(q).collectAsList().stream()
                    .map(r -> {
                        List<Object> row = new ArrayList<>();
                        for (int i = 0; i < r.length(); i++) {
                            row.add(r.get(i));
                        }
                        return row;
                    }).toList(), view, files, columns.stream().map(List::size).toList(), RunErrors.rootCause(failure));
        } finally {
            session.catalog().dropTempView(view);
        }
    }

    /** Every file as text, one relation: {@value ConversionSql#FILE}, {@value ConversionSql#ROW} and the contract's columns. */
    private Dataset<Row> text() {
        Dataset<Row> all = null;
        for (int f = 0; f < paths.size(); f++) {
            Dataset<Row> one = dataset.format().type() == FileType.JSON ? json(f) : csv(f);
            all = all == null ? one : all.union(one);
        }
        return all;
    }

    private Dataset<Row> csv(int f) {
        List<String> fileColumns = columns.get(f);
        StructType schema = new StructType(java.util.stream.IntStream.range(0, fileColumns.size())
                .mapToObj(j -> DataTypes.createStructField("c" + j, DataTypes.StringType, true)).toArray(StructField[]::new));
        Dataset<Row> read = session.read().schema(schema)
                .option("header", dataset.format().header())
                .option("sep", String.valueOf(dataset.format().delimiter()))
                .option("quote", "\"")
                .option("escape", "\"") // RFC 4180: a quote inside quotes is doubled (Spark's default is a backslash)
                .option("multiLine", true) // quoted values may span lines
                .option("mode", "FAILFAST")
                .option("encoding", "UTF-8")
                .csv(paths.get(f));
        List<String> select = new ArrayList<>();
        select.add(f + " AS " + ConversionSql.FILE);
        select.add("monotonically_increasing_id() AS " + ConversionSql.ROW);
        List<String> names = dataset.schema().stream().map(Column::name).toList();
        for (int i = 0; i < names.size(); i++) {
            select.add("c" + fileColumns.indexOf(names.get(i)) + " AS " + ConversionSql.text(i));
        }
        return read.selectExpr(select.toArray(String[]::new));
    }

    private Dataset<Row> json(int f) {
        JsonRecord parser = new JsonRecord(dataset.schema().stream().map(Column::name).toList());
        Dataset<Row> lines = session.read().text(paths.get(f));
        Dataset<Row> parsed = lines.select(functions.udf(parser, parser.type()).apply(functions.col("value")).as("r"))
                .where("r IS NOT NULL");
        List<String> select = new ArrayList<>();
        select.add(f + " AS " + ConversionSql.FILE);
        select.add("monotonically_increasing_id() AS " + ConversionSql.ROW);
        select.add("r." + ConversionSql.SHAPE + " AS " + ConversionSql.SHAPE);
        select.add("r." + ConversionSql.UNKNOWN + " AS " + ConversionSql.UNKNOWN);
        for (int i = 0; i < dataset.schema().size(); i++) {
            for (String c : List.of(ConversionSql.kind(i), ConversionSql.text(i), ConversionSql.number(i))) {
                select.add("r." + c + " AS " + c);
            }
        }
        return parsed.selectExpr(select.toArray(String[]::new));
    }
}
