package dev.driftless.policy;

import dev.driftless.resource.Namespaces;
import dev.driftless.resource.ResourceKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Maps namespaces on the policy's source-of-truth side to namespaces on the other side; children
 * follow their parent ({@code dev -> prod} maps {@code dev.tutorial} to {@code prod.tutorial}). A
 * namespace no rule covers maps to itself. The most specific rule wins.
 *
 * <p>Rules are defined from the policy's default source of truth; a kind whose source of truth is
 * overridden to the other side uses the same rules backwards, so one mapping describes one
 * correspondence between the two sides.
 */
public record NamespaceMapping(List<Rule> rules) {

  /** {@code from} on the source-of-truth side corresponds to {@code to} on the other side. */
  public record Rule(String from, String to) {
    public Rule {
      for (String ns : List.of(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"))) {
        ResourceKey.namespaceProblem(ns).ifPresent(p -> {
          throw new IllegalArgumentException("namespace mapping: " + p);
        });
      }
    }
  }

  public NamespaceMapping {
    rules = List.copyOf(rules);
    Set<String> froms = new HashSet<>();
    Set<String> tos = new HashSet<>();
    for (Rule rule : rules) {
      if (!froms.add(rule.from())) {
        throw new IllegalArgumentException("namespace mapping: '" + rule.from() + "' is mapped twice");
      }
      if (!tos.add(rule.to())) {
        throw new IllegalArgumentException("namespace mapping: two namespaces map to '" + rule.to() + "'");
      }
    }
  }

  /** No mapping: every namespace is itself on both sides. */
  public static NamespaceMapping identity() {
    return new NamespaceMapping(List.of());
  }

  /** One rule. */
  public static NamespaceMapping of(String from, String to) {
    return from.equals(to) ? identity() : new NamespaceMapping(List.of(new Rule(from, to)));
  }

  public boolean isIdentity() {
    return rules.stream().allMatch(r -> r.from().equals(r.to()));
  }

  /** The namespace on the other side for a namespace on the source-of-truth side. */
  public String forward(String namespace) {
    return map(namespace, true);
  }

  /** The namespace on the source-of-truth side for a namespace on the other side. */
  public String backward(String namespace) {
    return map(namespace, false);
  }

  /** {@link #forward} when {@code forwards}, {@link #backward} otherwise. */
  public String map(String namespace, boolean forwards) {
    if (namespace.isEmpty()) {
      return namespace;
    }
    Rule best = null;
    for (Rule rule : rules) {
      String match = forwards ? rule.from() : rule.to();
      if (Namespaces.isSameOrChild(namespace, match)
          && (best == null || match.length() > (forwards ? best.from() : best.to()).length())) {
        best = rule;
      }
    }
    if (best == null) {
      return namespace;
    }
    String from = forwards ? best.from() : best.to();
    String to = forwards ? best.to() : best.from();
    return to + namespace.substring(from.length());
  }
}
