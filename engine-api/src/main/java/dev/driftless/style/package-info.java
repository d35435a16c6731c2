/** The Immutables style shared by every value type of the project. */
package dev.driftless.style;
