/**
 * Deploying to AWS from the {@code lake} CLI: {@link io.datalake.app.deploy.StackDeployer} plans,
 * runs, discards and deletes a CloudFormation stack through change sets, and
 * {@link io.datalake.registry.DatasetRegistry} records deployed datasets in the registry table.
 * Failures are typed, one-line exceptions: {@link io.datalake.app.deploy.AwsAccessException} for
 * what the user must fix (exit code 2), {@link io.datalake.app.deploy.DeployException} otherwise
 * (exit code 1).
 */
package io.datalake.app.deploy;
