package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.kestra.sdk.api.FlowsApi;
import io.kestra.sdk.internal.ApiException;
import io.kestra.sdk.model.FlowInterface;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Details of the flow API the SDK is strict about and the emulator once got wrong (checked on OSS
 * 1.3): each test says what Kestra answers and how the SDK reads it.
 */
@Timeout(30)
class FlowJsonDetailsContractTest {

  static final String SCHEDULED = """
      id: nightly
      namespace: company.team
      tasks:
        - id: log
          type: io.kestra.plugin.core.log.Log
          message: hi
      triggers:
        - id: schedule
          type: io.kestra.plugin.core.trigger.Schedule
          cron: "0 2 * * *"
          labels:
            origin: schedule
      """;

  /**
   * Kestra serialises a trigger's {@code labels} (its {@code AbstractTrigger.labels}, a
   * {@code List<Label>}) as a list of {@code {key, value}}, whatever form the YAML used, as it does a
   * flow's labels. The SDK types them as an empty polymorphic interface, so a list there makes the
   * whole {@code FlowWithSource} fail to deserialise ({@code ApiException} with code 0, cause
   * {@code MismatchedInputException}). The emulator copies the YAML map, which the SDK silently
   * drops, so a client that works against the emulator fails against Kestra.
   * Fix in {@code FlowSources.render}: render {@code triggers[].labels} (and {@code sla[].labels})
   * with {@code labels(...)} like the flow's.
   */
  @Test
  void aTriggersLabels_areServedAsAList_whichTheSdkCannotRead() {
    try (SdkSession s = SdkSession.start(Server.OSS_1_3)) {
      s.kestra().state().putFlowSource(s.tenant(), SCHEDULED);
      FlowsApi flows = s.sdk().flows();
      ApiException e = assertThrows(ApiException.class,
          () -> flows.flow("company.team", "nightly", s.tenant(), true, null, null),
          "Kestra serves trigger labels as a list, which the SDK's FlowWithSource cannot read");
      assertEquals(0, e.getCode());
      assertInstanceOf(MismatchedInputException.class, e.getCause());
    }
  }

  /**
   * The SDK's {@code updateFlowsInNamespace(namespace, tenant, yaml, delete, override)} sends YAML
   * with {@code override}: Kestra's YAML route takes it and puts every flow into the path's namespace
   * ("if namespace of all provided flows should be overridden"). The emulator honours
   * {@code override} only for multipart bodies and refuses the YAML flow of another namespace (422,
   * "flow namespace is invalid"). Fix in {@code FlowsApi.replaceNamespace}: apply {@code override} to
   * the YAML documents too.
   */
  @Test
  void updateFlowsInNamespace_withOverride_putsYamlFlowsIntoThePathsNamespace() {
    try (SdkSession s = SdkSession.start(Server.OSS_1_3)) {
      List<FlowInterface> written = s.call("FlowsApi.updateFlowsInNamespace", () -> s.sdk().flows()
          .updateFlowsInNamespace("company.team", s.tenant(), FlowsContractTest.flow("elsewhere", "moved"), false, true));
      assertEquals(List.of("company.team"), written.stream().map(FlowInterface::getNamespace).toList());
    }
  }
}
