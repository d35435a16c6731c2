/**
 * Kestra's JSON, decoded into plain records: listings, validation results, write answers, errors in
 * both formats. The only package that uses Jackson.
 */
package dev.driftless.kestra.internal.wire;
