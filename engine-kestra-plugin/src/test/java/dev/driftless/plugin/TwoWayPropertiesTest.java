package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.policy.OnConflict;
import dev.driftless.policy.Policy;
import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.Problem;
import dev.driftless.resource.ResourceKind;
import io.kestra.core.context.TestRunContextFactory;
import io.kestra.core.docs.JsonSchemaGenerator;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.runners.RunContext;
import io.kestra.core.serializers.JacksonMapper;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sourceOfTruth: BOTH} and {@code onConflict} on NamespaceSync and TenantSync: Kestra reads them
 * from a flow, documents them, and they render into the two-way policy; what the policy refuses is
 * refused naming the property.
 */
@KestraTest
class TwoWayPropertiesTest {

  private static final ObjectMapper YAML = JacksonMapper.ofYaml().copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final String NAMESPACE_SYNC = """
      id: namespace
      type: dev.driftless.plugin.NamespaceSync
      url: https://git.example.com/org/repo
      branch: main
      namespace: company.team
      """;

  @Inject
  TestRunContextFactory runContextFactory;

  @Inject
  JsonSchemaGenerator generator;

  private RunContext context() {
    return runContextFactory.of("system", Map.of());
  }

  /** The policy the task's properties stand for, as its run renders them. */
  private Policy policy(String yaml) throws Exception {
    NamespaceSync task = YAML.readValue(yaml, NamespaceSync.class);
    dev.driftless.presets.NamespaceSync.Builder request = dev.driftless.presets.NamespaceSync.builder()
        .url("https://git.example.com/org/repo").namespace("company.team");
    return task.twoWay(context(), request).build().spec().policy();
  }

  @Test
  void both_andOnConflict_areReadFromAFlow_andRenderIntoTheTwoWayPolicy() throws Exception {
    Policy policy = policy(NAMESPACE_SYNC + "sourceOfTruth: BOTH\nonConflict: GIT\n");

    assertTrue(policy.twoWay());
    assertEquals(OnConflict.GIT, policy.onConflict());
    assertTrue(policy.isTwoWay(ResourceKind.FLOW));
  }

  @Test
  void onConflict_defaultsToFail_andKindsNamedPerKindStayOneWay() throws Exception {
    Policy policy = policy(NAMESPACE_SYNC + """
        sourceOfTruth: BOTH
        sourceOfTruthByKind:
          namespace-file: KESTRA
        """);

    assertEquals(OnConflict.FAIL, policy.onConflict());
    assertTrue(policy.isTwoWay(ResourceKind.FLOW));
    assertFalse(policy.isTwoWay(ResourceKind.NAMESPACE_FILE));
  }

  @Test
  void tenantSync_takesThemToo() throws Exception {
    TenantSync task = YAML.readValue("""
        id: tenant
        type: dev.driftless.plugin.TenantSync
        url: https://git.example.com/org/repo
        branch: main
        sourceOfTruth: BOTH
        onConflict: KESTRA
        """, TenantSync.class);
    Policy policy = task.twoWay(context(), dev.driftless.presets.TenantSync.builder()
        .url("https://git.example.com/org/repo").kestraUrl("http://localhost:8080")
        .auth(new dev.driftless.kestra.KestraAuth.ApiToken(dev.driftless.credential.Secret.of("t0ken", "token"))))
        .build().spec().policy();

    assertTrue(policy.twoWay());
    assertEquals(OnConflict.KESTRA, policy.onConflict());
  }

  @Test
  void whatATwoWaySyncCannotDo_isRefused_namingTheProperty() {
    InvalidTaskException onConflict = assertThrows(InvalidTaskException.class,
        () -> policy(NAMESPACE_SYNC + "sourceOfTruth: GIT\nonConflict: GIT\n"));
    assertEquals(List.of("onConflict"), onConflict.problems().stream().map(Problem::property).toList());
    assertTrue(onConflict.getMessage().contains("onConflict: only applies with sourceOfTruth: BOTH"),
        onConflict.getMessage());

    InvalidTaskException keep = assertThrows(InvalidTaskException.class,
        () -> policy(NAMESPACE_SYNC + "sourceOfTruth: BOTH\nwhenMissingInSource: KEEP\n"));
    assertTrue(keep.getMessage().contains("whenMissingInSource: cannot be KEEP with sourceOfTruth: BOTH"),
        keep.getMessage());

    IllegalArgumentException perKind = assertThrows(IllegalArgumentException.class,
        () -> policy(NAMESPACE_SYNC + "sourceOfTruthByKind:\n  flow: BOTH\n"));
    assertTrue(perKind.getMessage().startsWith("sourceOfTruthByKind.flow: BOTH is chosen for the whole task"),
        perKind.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void kestrasSchemaGenerator_documentsBoth_andOnConflict() {
    for (Class<? extends io.kestra.core.models.tasks.Task> type : List.of(NamespaceSync.class, TenantSync.class)) {
      Map<String, Object> definitions = (Map<String, Object>) generator.schemas(type, false).get("definitions");
      Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) definitions.get(type.getName()))
          .get("properties");
      String sourceOfTruth = String.valueOf(properties.get("sourceOfTruth"));
      String onConflict = String.valueOf(properties.get("onConflict"));
      assertTrue(sourceOfTruth.contains("BOTH"), type.getSimpleName() + ": " + sourceOfTruth);
      assertTrue(onConflict.contains("FAIL") && onConflict.contains("KESTRA"), type.getSimpleName() + ": " + onConflict);
      assertTrue(onConflict.contains("what a two-way sync does with a conflict"), onConflict);
    }
  }
}
