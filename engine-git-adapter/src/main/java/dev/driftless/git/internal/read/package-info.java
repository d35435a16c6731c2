/**
 * Reading a branch: a layout's files scanned from a commit's tree in the object database, with
 * {@code .kestraignore}, size limits and unsafe entries (links, submodules, names that are not UTF-8
 * or step out of their folder) reported instead of read; each YAML file's verdict (its identity, or
 * why it is invalid) remembered by blob id in the cache directory.
 */
package dev.driftless.git.internal.read;
