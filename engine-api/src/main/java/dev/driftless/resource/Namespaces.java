package dev.driftless.resource;

import java.util.Collection;

/** Namespace relations: Kestra namespaces form a tree by their dotted names. */
public final class Namespaces {

  private Namespaces() {}

  /** Whether {@code namespace} is {@code parent} itself or one of its descendants ({@code a.b} in {@code a}). */
  public static boolean isSameOrChild(String namespace, String parent) {
    return namespace.equals(parent)
        || (namespace.length() > parent.length()
            && namespace.startsWith(parent)
            && namespace.charAt(parent.length()) == '.');
  }

  /** Whether {@code namespace} is one of {@code parents} or a descendant of one. */
  public static boolean isWithin(String namespace, Collection<String> parents) {
    for (String parent : parents) {
      if (isSameOrChild(namespace, parent)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The part of {@code namespace} below {@code parent}: {@code ""} for the parent itself,
   * {@code b.c} for {@code a.b.c} under {@code a}.
   *
   * @throws IllegalArgumentException when {@code namespace} is not within {@code parent}
   */
  public static String relative(String namespace, String parent) {
    if (namespace.equals(parent)) {
      return "";
    }
    if (!isSameOrChild(namespace, parent)) {
      throw new IllegalArgumentException("namespace '" + namespace + "' is not within '" + parent + "'");
    }
    return namespace.substring(parent.length() + 1);
  }
}
