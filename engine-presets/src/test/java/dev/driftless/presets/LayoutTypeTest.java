package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.git.layout.DashboardsLayout;
import dev.driftless.git.layout.FilesLayout;
import dev.driftless.git.layout.FlowsLayout;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.layout.OutputsLayout;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layouts by name: each preset keeps its resources in the layout its type names, in that
 * layout's default directory unless told otherwise, the Git adapter's.
 */
class LayoutTypeTest {

  private static SyncTask task(String properties) {
    String yaml = "id: t\n" + properties + "\nurl: https://git.example.com/acme/flows.git\n";
    return (SyncTask) TaskFile.parse(yaml, "task.yaml", name -> Optional.of("a-token")).get(0);
  }

  /** Every preset but Clone, with only its required properties, and the layout it keeps. */
  static Stream<Arguments> presetsWithTheirDefaults() {
    return Stream.of(
        Arguments.of("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: dev", Layout.flows(FlowsLayout.DEFAULT_DIRECTORY, "dev")),
        Arguments.of("type: io.kestra.plugin.git.SyncFlow\ntargetNamespace: dev\nflowPath: kestra/a.yml",
            Layout.flows("kestra", "dev")),
        Arguments.of("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\ntargetNamespace: prod",
            Layout.flows(FlowsLayout.DEFAULT_DIRECTORY, "prod")),
        Arguments.of("type: io.kestra.plugin.git.SyncNamespaceFiles\nnamespace: dev", Layout.files(FilesLayout.DEFAULT_DIRECTORY, "dev")),
        Arguments.of("type: io.kestra.plugin.git.PushNamespaceFiles\nnamespace: dev", Layout.files(FilesLayout.DEFAULT_DIRECTORY, "dev")),
        Arguments.of("type: io.kestra.plugin.git.SyncDashboards", Layout.dashboards(DashboardsLayout.DEFAULT_DIRECTORY)),
        Arguments.of("type: io.kestra.plugin.git.PushDashboards", Layout.dashboards(DashboardsLayout.DEFAULT_DIRECTORY)),
        Arguments.of("type: io.kestra.plugin.git.PushExecutionFiles\nexecutionId: 4wjtkzwVGBM9yKnjm3yv8r",
            Layout.outputs(OutputsLayout.DEFAULT_DIRECTORY)),
        Arguments.of("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main", Layout.namespaces()),
        Arguments.of("type: io.kestra.plugin.git.TenantSync\nbranch: main\nauth: {apiToken: \"{{ secret('T') }}\"}",
            Layout.namespaces()));
  }

  @ParameterizedTest
  @MethodSource("presetsWithTheirDefaults")
  void eachPreset_keepsItsLayout_inTheAdaptersDefaultDirectory(String properties, Layout expected) {
    assertEquals(expected, task(properties).spec().git().layout());
  }

  @Test
  void theDefaultDirectories_areTheGitAdapters() {
    assertEquals("", LayoutType.NAMESPACE.defaultDirectory());
    assertEquals(FlowsLayout.DEFAULT_DIRECTORY, LayoutType.FLOWS.defaultDirectory());
    assertEquals(FilesLayout.DEFAULT_DIRECTORY, LayoutType.FILES.defaultDirectory());
    assertEquals(DashboardsLayout.DEFAULT_DIRECTORY, LayoutType.DASHBOARDS.defaultDirectory());
    assertEquals(OutputsLayout.DEFAULT_DIRECTORY, LayoutType.OUTPUTS.defaultDirectory());
  }

  @ParameterizedTest
  @EnumSource(LayoutType.class)
  void eachLayout_isFoundByItsLabel_andMakesTheLayoutOfThatName(LayoutType type) {
    assertEquals(Optional.of(type), LayoutType.fromLabel(type.label()));
    Layout layout = type.layout(type.defaultDirectory(), Optional.of("dev"), false);
    assertEquals(type.defaultDirectory(), layout.directory());
    assertTrue(layout.describe().startsWith(type.label()), layout.describe());
  }

  @Test
  void theLabels_areThoseOfTheCommandLine() {
    assertEquals("[namespace, flows, files, dashboards, outputs]",
        Arrays.stream(LayoutType.values()).map(LayoutType::label).toList().toString());
    assertEquals(Optional.empty(), LayoutType.fromLabel("FLOWS"));
    assertEquals(Optional.empty(), LayoutType.fromLabel("flow"));
  }

  @Test
  void aLayoutOfOneNamespace_needsIt_andTheFilesLayoutKeepsChildrenInFolders() {
    assertThrows(IllegalArgumentException.class, () -> LayoutType.FLOWS.layout("_flows", Optional.empty(), false));
    assertThrows(IllegalArgumentException.class, () -> LayoutType.FILES.layout("_files", Optional.empty(), false));
    assertEquals(new FilesLayout("_files", "dev", true, ""), LayoutType.FILES.layout("_files", Optional.of("dev"), true));
    assertEquals(Layout.flows("_flows", "dev"), LayoutType.FLOWS.layout("_flows", Optional.of("dev"), true),
        "the flows layout always holds the children, as sub-folders");
  }
}
