/** Running a clone into a working directory: refs listed first, exactly what is asked fetched, then checked out. */
package dev.driftless.git.internal.clone;
