/**
 * What a database module implements to plug into the engine: an {@link
 * io.schemasync.spi.AdapterProvider} registered in {@code META-INF/services}, and the adapter,
 * dialect, inspector and runner it creates. The engine's own strategies ({@link
 * io.schemasync.spi.DiffCalculator}, {@link io.schemasync.spi.Planner}, {@link
 * io.schemasync.spi.Executor}, {@link io.schemasync.spi.SnapshotStore}) are replaceable through the
 * same interfaces.
 */
package io.schemasync.spi;
