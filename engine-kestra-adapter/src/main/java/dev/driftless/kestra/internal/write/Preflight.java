package dev.driftless.kestra.internal.write;

import dev.driftless.core.yaml.ParsedYaml;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.kestra.KestraServer;
import dev.driftless.kestra.internal.read.KestraState;
import dev.driftless.kestra.internal.read.ReadContext;
import dev.driftless.port.WriteIntent;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a session checks before its first write, so that a plan Kestra would refuse in part
 * writes nothing at all: kinds this server cannot write, sources whose identity is not their key,
 * namespace files over the size limit or under the reserved {@code _flows}, dashboards Kestra
 * before 2.0 could not be matched back to their key, and every flow through one validation call.
 */
final class Preflight {

  private Preflight() {}

  static Map<ResourceKey, String> check(ReadContext ctx, WriteIntent intent, KestraState before) {
    KestraServer server = ctx.server();
    Map<ResourceKey, String> refused = new LinkedHashMap<>();
    for (ResourceKey key : intent.keys()) {
      server.cannotWrite(key.kind()).ifPresent(why -> refused.put(key, why));
    }
    List<Resource> flows = new ArrayList<>();
    for (Resource put : intent.puts()) {
      ResourceKey key = put.key();
      if (refused.containsKey(key)) {
        continue;
      }
      Optional<String> problem = switch (key.kind()) {
        case FLOW, APP, TEST -> identityProblem(put);
        case DASHBOARD -> dashboardProblem(put, server, before);
        case NAMESPACE_FILE -> fileProblem(put, ctx.settings().namespaceFileSizeLimit());
        case EXECUTION_FILE -> Optional.of("execution files are read-only on Kestra");
      };
      if (problem.isPresent()) {
        refused.put(key, problem.get());
      } else if (key.kind() == ResourceKind.FLOW) {
        flows.add(put);
      }
    }
    refused.putAll(FlowValidation.validate(ctx.client(), flows));
    return refused;
  }

  private static Optional<YamlDocument> parse(Resource put) {
    ParsedYaml parsed = YamlDocument.parse(put.content());
    return parsed.document();
  }

  /** A flow, app or test must declare the id and namespace it is written under. */
  private static Optional<String> identityProblem(Resource put) {
    ResourceKey key = put.key();
    ParsedYaml parsed = YamlDocument.parse(put.content());
    if (parsed.problem().isPresent()) {
      return Optional.of(key.address() + " is not valid YAML: " + parsed.problem().get().describe());
    }
    YamlDocument doc = parsed.document().orElseThrow();
    if (!doc.id().filter(key.name()::equals).isPresent() || !doc.namespace().filter(key.namespace()::equals).isPresent()) {
      return Optional.of(key.address() + " declares id '" + doc.id().orElse("") + "' in namespace '"
          + doc.namespace().orElse("") + "': Kestra keys it by what it declares, so it must be " + key.namespace()
          + "/" + key.name());
    }
    return Optional.empty();
  }

  private static Optional<String> dashboardProblem(Resource put, KestraServer server, KestraState before) {
    ResourceKey key = put.key();
    Optional<YamlDocument> doc = parse(put);
    if (doc.isEmpty()) {
      return Optional.of(key.address() + " is not valid YAML: "
          + YamlDocument.parse(put.content()).problem().orElseThrow().describe());
    }
    Optional<String> declared = doc.get().id();
    if (declared.isPresent() && !declared.get().equals(key.name())) {
      return Optional.of(key.address() + " declares id '" + declared.get() + "': dashboards are keyed by their id,"
          + " so it must be '" + key.name() + "'");
    }
    boolean creates = !before.dashboardIds().containsKey(key);
    if (declared.isEmpty() && creates) {
      return Optional.of(key.address() + " has no 'id' in its YAML: "
          + (server.assignsDashboardIds() ? server.describeShort() + " makes dashboard ids itself, and without an 'id'"
              + " in the YAML the new dashboard could not be matched to its file again" : "Kestra takes the id from the"
              + " YAML")
          + "; add 'id: " + key.name() + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> fileProblem(Resource put, long limit) {
    ResourceKey key = put.key();
    if (put.content().size() > limit) {
      return Optional.of(key.address() + " is " + put.content().size() + " bytes, over the limit of " + limit
          + " bytes: it would read back as unreadable");
    }
    if (key.name().equals("_flows") || key.name().startsWith("_flows/")) {
      return Optional.of(key.address() + " is under _flows, which Kestra reserves for flows");
    }
    return Optional.empty();
  }
}
