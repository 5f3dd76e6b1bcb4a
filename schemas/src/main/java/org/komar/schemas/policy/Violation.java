package org.komar.schemas.policy;

/** One breach of the schema policy: which schema, which field (a dotted path), and what is wrong. */
public record Violation(String schema, String field, String problem) {

  @Override
  public String toString() {
    return schema + (field.isEmpty() ? "" : "." + field) + ": " + problem;
  }
}
