/** Credentials held so that they cannot leak by accident. */
package dev.driftless.credential;
