/** The ingest service's typed failures; {@link io.datalake.ingest.exceptions.IngestException#retryable()} decides their fate. */
package io.datalake.ingest.exceptions;
