/**
 * The ways the API refuses a request. Each is a user mistake or a state conflict, never a fault;
 * {@code io.datalake.lambda.api.ErrorResponses} maps each type to its HTTP status, in one place.
 */
package io.datalake.lambda.api.exceptions;
