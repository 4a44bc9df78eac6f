package io.datalake.pipelines.runner;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A Java pipeline, as a job module would write one: customers per country. */
public class CountryCountsJob implements SparkJob {
    @Override
    public Dataset<Row> run(SparkJobContext context) {
        return context.input("people").groupBy("country").count().withColumnRenamed("count", "customers");
    }
}
