package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.driftless.emulator.Execution;
import io.kestra.sdk.api.ExecutionsApi;
import io.kestra.sdk.model.ApiExecution;
import io.kestra.sdk.model.EditionProviderEdition;
import io.kestra.sdk.model.MiscControllerConfiguration;
import io.kestra.sdk.model.MiscControllerEEConfiguration;
import io.kestra.sdk.model.StateType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The calls a sync makes besides its resources: an execution and its output files (the
 * PushExecutionFiles preset), and {@code /api/v1/configs}, which the SDK has no method for (only
 * the generic {@code invokeAPI}) and a sync reads to learn the server's version and edition.
 */
@Timeout(30)
class ExecutionsAndConfigsContractTest {

  static final byte[] OUTPUT = "id: generated\n".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#all")
  void anExecutionAndItsOutputFile_areAnsweredInTheSdksModels(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      executionCalls(s);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#all")
  void configs_tellTheVersionAndEdition_throughInvokeApi(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      configsCall(s);
    }
  }

  static void executionCalls(SdkSession s) {
    ExecutionsApi executions = s.sdk().executions();
    String t = s.tenant();
    Execution seeded = Execution.of("6ZCG8QfKuBdMmcGDKb2SKd", "company.team", "export")
        .withOutput("count", 2)
        .withOutputFile("flows/a.yml", OUTPUT);
    s.kestra().state().putExecution(t, seeded);

    ApiExecution execution = s.call("ExecutionsApi.execution", () -> executions.execution(seeded.id(), t));
    assertEquals(t, execution.getTenantId(), "tenantId is required");
    assertEquals(seeded.id(), execution.getId());
    assertEquals("company.team", execution.getNamespace());
    assertEquals("export", execution.getFlowId());
    assertNotNull(execution.getFlowRevision(), "flowRevision is required");
    assertEquals(StateType.SUCCESS, execution.getState().getCurrent());
    assertFalse(execution.getState().getHistories().isEmpty(), "histories are required");
    execution.getState().getHistories().forEach(h -> {
      assertNotNull(h.getState(), "a history's state is required");
      assertNotNull(h.getDate(), "a history's date is required");
    });
    assertEquals(seeded.id(), execution.getOriginalId(), "originalId is required");
    assertNotNull(execution.getMetadata(), "metadata is required");
    assertNotNull(execution.getMetadata().getOriginalCreatedDate(), "metadata.originalCreatedDate is required");
    assertEquals(2, execution.getOutputs().get("count"));
    String uri = seeded.outputFileUri("flows/a.yml");
    assertEquals(Map.of("flows/a.yml", uri), execution.getOutputs().get("outputFiles"));
    execution.getTaskRunList().forEach(run -> {
      assertNotNull(run.getId(), "a task run's id is required");
      assertNotNull(run.getTaskId(), "a task run's taskId is required");
      assertNotNull(run.getState().getCurrent(), "a task run's state is required");
    });
    s.refused("ExecutionsApi.execution", 404, () -> executions.execution("none", t));

    byte[] file = SdkSession.consume(s.call("ExecutionsApi.downloadFileFromExecution",
        () -> executions.downloadFileFromExecution(seeded.id(), URI.create(uri), t)));
    assertArrayEquals(OUTPUT, file);
    s.refused("ExecutionsApi.downloadFileFromExecution", 404,
        () -> executions.downloadFileFromExecution(seeded.id(), URI.create(seeded.outputFileUri("none.yml")), t));
  }

  static void configsCall(SdkSession s) {
    String url = s.kestra().url() + "/api/v1/configs";
    if (s.server().isEnterprise()) {
      MiscControllerEEConfiguration configs = s.call("configs",
          () -> s.sdk().flows().invokeAPI(url, "GET", new TypeReference<MiscControllerEEConfiguration>() {}));
      assertEquals(s.server().version(), configs.getVersion());
      assertEquals(EditionProviderEdition.EE, configs.getEdition());
      assertNotNull(configs.getTenants(), "an Enterprise server describes its tenants");
    } else {
      MiscControllerConfiguration configs = s.call("configs",
          () -> s.sdk().flows().invokeAPI(url, "GET", new TypeReference<MiscControllerConfiguration>() {}));
      assertEquals(s.server().version(), configs.getVersion());
      assertEquals(EditionProviderEdition.OSS, configs.getEdition());
    }
  }
}
