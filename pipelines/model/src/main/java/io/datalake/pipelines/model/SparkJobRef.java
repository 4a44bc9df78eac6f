package io.datalake.pipelines.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline written in Java: a class implementing the runner's {@code SparkJob} interface, built in
 * its own Maven module.
 *
 * @param className the job class, e.g. {@code com.acme.lake.ChurnScores}
 * @param jar       the job module's jar, relative to the pipeline folder, which deployment uploads
 *                  next to the runner jar; empty when the class is on the runner's classpath already
 */
public record SparkJobRef(String className, Optional<String> jar) {
    public SparkJobRef {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(jar, "jar");
    }
}
