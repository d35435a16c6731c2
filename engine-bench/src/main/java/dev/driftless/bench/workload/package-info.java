/**
 * The generated tenants every scenario measures: realistic flows, the same bytes in every run, with
 * a share of changed flows and of flows one side holds alone.
 */
package dev.driftless.bench.workload;
