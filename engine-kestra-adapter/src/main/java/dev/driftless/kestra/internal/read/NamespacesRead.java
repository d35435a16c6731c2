package dev.driftless.kestra.internal.read;

import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.wire.Listings;
import dev.driftless.resource.ResourceKey;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The namespaces Kestra knows, from its namespace search ({@code existing=false}: parents of used
 * namespaces too). On OSS they are implicit (those with flows, files); on Enterprise they exist
 * explicitly.
 */
final class NamespacesRead {

  private NamespacesRead() {}

  /** The namespaces, narrowed to those containing {@code hint} when given; empty when there is no such route. */
  static Optional<TreeSet<String>> list(ReadContext ctx, Optional<String> hint) {
    ApiCall call = ApiCall.of(Operation.SEARCH_NAMESPACES, ApiCall.path("namespaces", "search")).query("existing", "false");
    if (hint.isPresent()) {
      call = call.query("q", hint.get());
    }
    Optional<List<String>> found = Pager.all(ctx, call, Listings::namespaces);
    return found.map(list -> {
      TreeSet<String> out = new TreeSet<>();
      for (String ns : list) {
        if (ResourceKey.namespaceProblem(ns).isEmpty()) {
          out.add(ns);
        }
      }
      return out;
    });
  }
}
