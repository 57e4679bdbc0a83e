package io.wescrm.core.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes secrets from JSON before it is audited: any field whose name says password, secret, token or key (the
 * callback token, the AES key, a personal access token shown once) is replaced by {@code "***"}, at any depth.
 * Text that is not JSON is not stored at all (only its length), so nothing unparsed and unredacted reaches the log.
 */
public final class Redaction {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> EXACT = Set.of("aeskey", "encodingaeskey", "credentials");
  private static final String[] PARTS = {"password", "secret", "token"};

  private Redaction() {
  }

  /** {@code json} with its secrets replaced; {@code null} for blank input. */
  public static String redact(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(json);
      return JSON.writeValueAsString(redact(node));
    } catch (RuntimeException notJson) {
      return JSON.writeValueAsString(Map.of("unparsed", true, "length", json.length()));
    }
  }

  /** Whether a field of this name holds a secret. */
  public static boolean secret(String field) {
    String f = field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    if (EXACT.contains(f)) {
      return true;
    }
    for (String part : PARTS) {
      if (f.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      java.util.List<String> names = new java.util.ArrayList<>();
      object.propertyNames().forEach(names::add);
      for (String name : names) {
        if (secret(name)) {
          object.put(name, "***");
        } else {
          redact(object.get(name));
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        redact(element);
      }
    }
    return node;
  }
}
