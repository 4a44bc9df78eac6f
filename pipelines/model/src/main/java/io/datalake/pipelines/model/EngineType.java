package io.datalake.pipelines.model;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/** Where a pipeline runs on AWS. Locally every pipeline runs in Spark's local mode. */
public enum EngineType {
    /** An AWS Glue Spark job (glueetl, Glue 5.0: Spark 3.5, Java 17). */
    GLUE,
    /** An EMR Serverless Spark application (EMR 7: Spark 3.5, Java 17). */
    EMR_SERVERLESS;

    /** {@code glue}, {@code emr-serverless}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String allowed() {
        return Messages.ids(values(), EngineType::id);
    }

    public static EngineType parse(String field, String value) {
        return Messages.parseId(field, value, values(), EngineType::id);
    }
}
