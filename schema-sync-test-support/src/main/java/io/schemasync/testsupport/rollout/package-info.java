/**
 * Worker processes for rollout fault tests: start them on a job, kill them hard at chosen moments.
 */
package io.schemasync.testsupport.rollout;
