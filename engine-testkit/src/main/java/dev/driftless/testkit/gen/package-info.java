/**
 * QuickTheories generators for the domain: kinds, keys, realistic flow YAML (comments, block
 * strings holding {@code ---}, subflows, flow triggers, CRLF), namespace files (text and binary),
 * policies, and whole scenarios: two sides with overlaps, drift, formatting-only differences,
 * unreadable and invalid entries, protected and look-alike namespaces, and namespace mappings; and
 * reads that go wrong ({@link dev.driftless.testkit.gen.HostileRead}): which side, which kind and
 * namespace, which {@link dev.driftless.testkit.gen.Misread}, and a number for the page or entry.
 */
package dev.driftless.testkit.gen;
