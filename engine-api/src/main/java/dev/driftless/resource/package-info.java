/**
 * What Driftless manages: resource kinds, keys, contents and their fingerprints, and the two sides
 * (Git and Kestra) a resource can live on.
 */
package dev.driftless.resource;
