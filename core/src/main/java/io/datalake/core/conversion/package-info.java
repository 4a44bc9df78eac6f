/**
 * The conversion contract: how a raw CSV or JSON-lines file becomes rows of a dataset's schema,
 * defined once here and run by both engines (DuckDB in the local lake, Spark in the runner). The
 * engines read the files as text; what a value may look like, how it becomes a typed value, and how
 * a file that does not fit is reported are decided here.
 */
package io.datalake.core.conversion;
