package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kestra.core.models.property.Property;
import io.kestra.core.serializers.JacksonMapper;
import org.junit.jupiter.api.Test;

/**
 * Properties the Git plugin's tasks take that ours read too, so that a flow written for the plugin
 * is not refused by Kestra for an unknown property once its types are ours.
 */
class PluginPropertiesAcceptedTest {

  private static final ObjectMapper YAML = JacksonMapper.ofYaml().copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void clone_takesKestraUrlAndAuth() throws Exception {
    Clone clone = YAML.readValue("""
        id: clone
        type: dev.driftless.plugin.Clone
        url: https://git.example.com/org/repo
        kestraUrl: http://kestra:8080
        auth:
          username: admin@kestra.io
          password: "{{ secret('KESTRA_PASSWORD') }}"
        """, Clone.class);

    assertNotNull(clone.getKestraUrl());
    assertNotNull(clone.getAuth());
  }

  @Test
  void syncDashboards_takesFailOnMissingDirectory_trueByDefault() throws Exception {
    SyncDashboards byDefault = YAML.readValue("id: s\ntype: dev.driftless.plugin.SyncDashboards\nurl: https://h/r\n",
        SyncDashboards.class);
    SyncDashboards lenient = YAML.readValue("id: s\ntype: dev.driftless.plugin.SyncDashboards\nurl: https://h/r\n"
        + "failOnMissingDirectory: false\n", SyncDashboards.class);

    assertEquals(Property.ofValue(true).toString(), byDefault.getFailOnMissingDirectory().toString());
    assertEquals(Property.ofValue(false).toString(), lenient.getFailOnMissingDirectory().toString());
  }

  @Test
  void pushExecutionFiles_takesDelete() throws Exception {
    PushExecutionFiles push = YAML.readValue("id: p\ntype: dev.driftless.plugin.PushExecutionFiles\nurl: https://h/r\n"
        + "delete: true\n", PushExecutionFiles.class);

    assertNotNull(push.getDelete());
  }
}
