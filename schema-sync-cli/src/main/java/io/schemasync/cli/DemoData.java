package io.schemasync.cli;

import java.util.List;

/** The rows the demo puts into its release-1 tenant, so the rollout visibly keeps data. */
final class DemoData {
  /** Tables whose row counts the demo prints before and after the rollout. */
  static final List<String> COUNTED_TABLES = List.of("users", "projects", "tasks", "comments");

  static final List<String> RELEASE_1_ROWS =
      List.of(
          "INSERT INTO organizations (id, slug, name, plan) VALUES (1, 'initech', 'Initech', 'team')",
          "INSERT INTO users (id, organization_id, email, display_name, role) VALUES"
              + " (1, 1, 'bill@initech.example', 'Bill Lumbergh', 'owner'),"
              + " (2, 1, 'peter@initech.example', 'Peter Gibbons', 'member'),"
              + " (3, 1, 'milton@initech.example', 'Milton Waddams', 'member')",
          "INSERT INTO projects (id, organization_id, name) VALUES"
              + " (1, 1, 'TPS reports'), (2, 1, 'Y2K remediation')",
          "INSERT INTO tasks (id, project_id, assignee_id, title, status, priority, due_date) VALUES"
              + " (1, 1, 2, 'Add the new cover sheet', 'doing', 2, '2026-12-01'),"
              + " (2, 1, 1, 'Send the memo about cover sheets', 'done', 1, NULL),"
              + " (3, 2, 2, 'Fix the date fields', 'todo', 3, '2026-12-31'),"
              + " (4, 2, 3, 'Find the red stapler', 'todo', 0, NULL)",
          "INSERT INTO comments (id, task_id, author_id, body) VALUES"
              + " (1, 1, 1, 'Did you get the memo?'),"
              + " (2, 1, 2, 'Yes, I got the memo.'),"
              + " (3, 4, 3, 'I was told I could keep my stapler.')");

  private DemoData() {}
}
