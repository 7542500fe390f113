package io.schemasync.internal.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.internal.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved target a job brings tenants to, stored with the job so that a resume or a worker on
 * another machine applies exactly what the gate dry-ran, whatever the target files say by then.
 */
record JobTarget(SchemaSnapshot snapshot, RenameHints renames) {
  String toDocument() {
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    try {
      root.set("snapshot", CanonicalJson.mapper().readTree(snapshot.toJson()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialize the target snapshot", e);
    }
    root.set("renamedTables", CanonicalJson.mapper().valueToTree(renames.tables()));
    root.set("renamedColumns", CanonicalJson.mapper().valueToTree(renames.columns()));
    return CanonicalJson.write(root);
  }

  @SuppressWarnings("unchecked")
  static JobTarget fromDocument(String document) {
    JsonNode root = CanonicalJson.read(document, JsonNode.class);
    SchemaSnapshot snapshot = SchemaSnapshot.fromJson(root.get("snapshot").toString());
    Map<String, String> tables =
        root.has("renamedTables")
            ? CanonicalJson.mapper().convertValue(root.get("renamedTables"), Map.class)
            : Map.of();
    Map<String, Map<String, String>> columns =
        root.has("renamedColumns")
            ? CanonicalJson.mapper().convertValue(root.get("renamedColumns"), Map.class)
            : Map.of();
    return new JobTarget(
        snapshot, new RenameHints(new LinkedHashMap<>(tables), new LinkedHashMap<>(columns)));
  }
}
