/**
 * How a plan decides: which side is the source of truth (per kind if needed), what happens to
 * resources missing from the source, which namespaces are never deleted, what an invalid document
 * does, how namespaces map between the sides, what is selected, and which guards stop a mass
 * deletion. Every default equals the Kestra Git plugin's, so a user's habits carry over.
 */
package dev.driftless.policy;
