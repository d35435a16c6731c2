/**
 * The YAML documents of Kestra objects (flows, tests, apps, dashboards): parsing with precise
 * problems, identity ({@code id}, {@code namespace}), meaning-level comparison, subflow and
 * flow-trigger references, and a namespace rewrite that changes nothing but the top-level
 * {@code namespace:} value. Adapters use it to derive keys; the planner to compare and transform.
 */
package dev.driftless.core.yaml;
