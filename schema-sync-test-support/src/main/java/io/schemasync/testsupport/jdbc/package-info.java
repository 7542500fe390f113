/** JDBC helpers for tests that need to step between a reader's queries. */
package io.schemasync.testsupport.jdbc;
