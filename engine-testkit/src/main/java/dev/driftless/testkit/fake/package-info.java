/**
 * In-memory sides: a reader and writer for Git or Kestra that keeps resources in a map, records
 * every write, and can be told to fail, to reject a commit, or to change a resource behind the
 * planner's back.
 */
package dev.driftless.testkit.fake;
