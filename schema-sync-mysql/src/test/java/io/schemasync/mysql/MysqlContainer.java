package io.schemasync.mysql;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A MySQL-family server in a Docker container, for machines without a local one and for running the
 * suite against another server (MySQL 8.0, 8.4, a MariaDB version). One container per test JVM,
 * started on first use and removed by Testcontainers when the JVM ends. Only {@link
 * MysqlTestServer} touches this class, and only when it needs a container, so the Testcontainers
 * classes are never loaded otherwise.
 */
final class MysqlContainer {
  private static final String ROOT_PASSWORD = "schema-sync";

  private MysqlContainer() {}

  /** Whether a Docker engine answers. */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Starts a container of {@code image} and returns a JDBC URL with root's credentials. MariaDB
   * images take the same settings as MySQL's, so they run here too.
   */
  @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers removes it
  static String start(String image) {
    MySQLContainer<?> server =
        new MySQLContainer<>(DockerImageName.parse(image).asCompatibleSubstituteFor("mysql"))
            .withUsername("root")
            .withPassword(ROOT_PASSWORD);
    server.start();
    String url = server.getJdbcUrl();
    return url + (url.contains("?") ? "&" : "?") + "user=root&password=" + ROOT_PASSWORD;
  }
}
