/**
 * The REST client: calls ({@code ApiCall}), auth, retries with backoff and jitter for idempotent
 * calls, error answers decoded into {@link dev.driftless.kestra.ApiError}, and server detection.
 */
package dev.driftless.kestra.internal.client;
