/**
 * Random schema generators for jqwik property tests: valid, engine-portable snapshots and
 * evolutions of them. Start with {@link io.schemasync.testsupport.gen.SchemaArbitraries}.
 */
package io.schemasync.testsupport.gen;
