/**
 * The rollout engine behind {@link io.schemasync.api.rollout.Rollouts}: worker loop, job state
 * machine, per-tenant attempts. Internal: free to change between releases; not an API.
 */
package io.schemasync.internal.rollout;
