package dev.driftless.kestra.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.kestra.ApiError;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.kestra.KestraSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Kestra's two error formats, as the emulator answers them, decoded into the same typed error. */
@Timeout(30)
class ErrorFormatsTest {

  private static final byte[] UNTYPED = "id: a\nnamespace: dev\ntasks:\n  - id: t\n    message: hi\n"
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void legacyJson_upTo1x_andProblemDetails_from2_0_decodeToTheSameFields() {
    for (String version : List.of("0.20.7", "1.3.0", "2.0.1")) {
      try (KestraEmulator emulator = KestraEmulator.builder().version(version).start();
          KestraClient client = KestraClient.connect(KestraSettings.builder().url(emulator.url().toString())
              .auth(KestraAuth.none()).build()).forTenant(emulator.mode() == Mode.LEGACY ? Optional.empty()
              : Optional.of("main"))) {
        ApiResponse response = client.send(ApiCall.of(Operation.CREATE_FLOW, ApiCall.path("flows"), ApiCall.yaml(UNTYPED)));
        ApiError error = response.error();
        assertEquals(422, error.status(), version);
        // A task without a type cannot be read into a flow: Kestra names Jackson's reference chain up
        // to 1.x (seen on 0.20.7), a JSON pointer from 2.0.
        String path = version.startsWith("2.") ? "tasks[0].type"
            : "io.kestra.core.models.flows.Flow[\"tasks\"]->java.util.ArrayList[0]";
        assertEquals(List.of(new ApiError.FieldError(path, "Invalid type: <null>")), error.fields(), version);
        assertEquals(version.startsWith("2.") ? Optional.of("validation-failed") : Optional.empty(), error.typeName());
        assertTrue(error.isRefusal());

        ApiError missing = client.send(ApiCall.of(Operation.FLOW, ApiCall.path("flows", "dev", "nope"))).error();
        assertEquals(404, missing.status());
        assertEquals(version.startsWith("0.") ? Optional.empty() : Optional.of("OSS"), missing.edition(), version);
      }
    }
  }
}
