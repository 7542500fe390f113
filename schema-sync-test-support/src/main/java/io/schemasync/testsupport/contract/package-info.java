/**
 * The adapter contract suite: {@link io.schemasync.testsupport.contract.AdapterContractTest}, which
 * every adapter module runs against its real engine through an {@link
 * io.schemasync.testsupport.contract.AdapterFixture}.
 */
package io.schemasync.testsupport.contract;
