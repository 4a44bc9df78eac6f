/**
 * The dataset file: one YAML file per dataset that says what the dataset is (name, tier, owner,
 * schema), how its files are delivered, and who may read, write or administer it.
 *
 * <p>{@link io.datalake.core.dataset.DatasetSpec} is the validated, immutable model that the stacks
 * and the local lake build from; {@link io.datalake.core.dataset.DatasetFiles} reads a file into it
 * and reports every mistake of the file at once, each as one {@code file:line: message} line.
 */
package io.datalake.core.dataset;
