/**
 * Snapshot stores: the file-backed history of snapshots per tenant. Internal, free to change; use
 * {@code io.schemasync.api.SnapshotStores} to get one.
 */
package io.schemasync.internal.store;
