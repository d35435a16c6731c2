/**
 * In-memory sides: a reader and writer for Git or Kestra that keeps resources in a map, records
 * every write, and can be told to fail, to reject a commit, or to change a resource behind the
 * planner's back.
 *
 * <p>Part of the test kit, written in engine-core's test tree for the applier's own tests and handed
 * on to engine-testkit through engine-core's test-jar; {@link dev.driftless.testkit.fixture} says
 * why.
 */
package dev.driftless.testkit.fake;
