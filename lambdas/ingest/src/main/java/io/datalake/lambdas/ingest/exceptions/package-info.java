/** The ingest service's typed failures; {@link io.datalake.lambdas.ingest.exceptions.IngestException#retryable()} decides their fate. */
package io.datalake.lambdas.ingest.exceptions;
