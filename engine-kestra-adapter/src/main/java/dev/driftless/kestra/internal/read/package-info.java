/**
 * Reading Kestra in bulk: flows from the search and the export ZIP, namespace files from the
 * namespace export ZIP, dashboards, apps and test suites, into a snapshot and the state a write
 * session compares and swaps against.
 */
package dev.driftless.kestra.internal.read;
