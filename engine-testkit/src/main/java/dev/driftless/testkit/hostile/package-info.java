/**
 * A loopback HTTP server that stands in front of a Kestra (usually the emulator) and answers chosen
 * calls the way a broken or hostile server, proxy or network would: an HTML page where a ZIP should
 * be, an archive cut short, a body trickled a byte at a time, a ZIP bomb, fields of the wrong types,
 * pages that never end. For tests of what a client does with answers it must not trust.
 */
package dev.driftless.testkit.hostile;
