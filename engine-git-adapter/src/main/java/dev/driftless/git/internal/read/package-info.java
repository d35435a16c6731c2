/**
 * Reading a branch: a layout's files scanned from a commit's tree in the object database, with
 * {@code .kestraignore}, size limits and unsafe entries (links, submodules, names that are not UTF-8
 * or step out of their folder) reported instead of read.
 */
package dev.driftless.git.internal.read;
