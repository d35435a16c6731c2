package dev.driftless.kestra.internal.write;

import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.ApiResponse;
import dev.driftless.kestra.internal.client.RetryPolicy;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.WriteResult;
import dev.driftless.resource.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A create ({@code POST}) that is never repeated blindly. When its answer is lost (a dropped
 * connection) or is a passing outage (429, 5xx), Kestra may or may not have created the resource;
 * the create then asks Kestra (an idempotent read) whether the resource is there: with the exact
 * bytes it was sent, the create succeeded; absent, it is sent again (up to the attempts the
 * settings allow); with other bytes, someone else created it and the create fails.
 */
final class Creates {

  private Creates() {}

  /**
   * @param post the create
   * @param check a read of the resource by its key
   * @param storedSource the source a successful check answer holds
   * @param version the version marker a successful create answer holds
   */
  static WriteResult create(WriteContext w, ResourceKey key, byte[] wanted, ApiCall post, ApiCall check,
      Function<byte[], Optional<String>> storedSource, Function<byte[], Optional<String>> version) {
    RetryPolicy retry = w.client().retry();
    String lastProblem = "";
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        ApiResponse response = w.client().send(post);
        if (response.isSuccess()) {
          return written(key, version.apply(response.body()));
        }
        if (!RetryPolicy.RETRYABLE_STATUSES.contains(response.status())) {
          return w.failed(key, "create", post, response);
        }
        lastProblem = w.client().failure(post, response).getMessage();
        retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), Instant.now());
      } catch (AccessDeniedException e) {
        return WriteResult.failed(key, e.getMessage());
      } catch (DriftlessException e) {
        lastProblem = e.getMessage();
      }
      // The create's fate is unknown: ask Kestra.
      ApiResponse found;
      try {
        found = w.client().send(check);
      } catch (DriftlessException e) {
        return WriteResult.failed(key, "Kestra did not confirm the create of " + key.address() + " (" + lastProblem
            + ") and could not be asked whether it happened (" + e.getMessage() + "); plan again to see");
      }
      if (found.isSuccess()) {
        Optional<String> source = storedSource.apply(found.body());
        if (source.isPresent() && Arrays.equals(source.get().getBytes(StandardCharsets.UTF_8), wanted)) {
          return written(key, version.apply(found.body()));
        }
        return WriteResult.failed(key, "Kestra did not confirm the create of " + key.address() + " (" + lastProblem
            + "), and it now holds a different " + key.kind().label() + " under that key; plan again");
      }
      if (found.status() != 404) {
        return WriteResult.failed(key, "Kestra did not confirm the create of " + key.address() + " (" + lastProblem
            + ") and could not be asked whether it happened: " + w.client().failure(check, found).getMessage());
      }
      if (!retry.allowsAnotherAfter(attempt)) {
        return WriteResult.failed(key, "Kestra did not create " + key.address() + " after " + attempt
            + " attempts: " + lastProblem);
      }
      Optional<Duration> delay = retry.delayAfter(attempt, retryAfter);
      if (delay.isEmpty()) {
        return WriteResult.failed(key, "Kestra did not create " + key.address() + ": " + lastProblem);
      }
      try {
        Thread.sleep(delay.get().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return WriteResult.failed(key, "interrupted while creating " + key.address());
      }
    }
  }

  private static WriteResult written(ResourceKey key, Optional<String> version) {
    return version.map(v -> WriteResult.written(key, v)).orElseGet(() -> WriteResult.written(key));
  }
}
