/**
 * What one side holds, read at one moment: entries that are present or unreadable, the scope the
 * read covered, and the identity it was read at. Outside its scope a snapshot knows nothing, and
 * nothing is ever planned there.
 */
package dev.driftless.snapshot;
