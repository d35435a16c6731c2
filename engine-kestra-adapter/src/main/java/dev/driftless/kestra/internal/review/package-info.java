/**
 * The Kestra side's review of a plan ({@link dev.driftless.port.PlanReviewer}): what a given Kestra
 * version would refuse or store otherwise than sent, known before anything is written.
 */
package dev.driftless.kestra.internal.review;
