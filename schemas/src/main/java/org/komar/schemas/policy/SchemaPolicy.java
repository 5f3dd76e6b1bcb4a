package org.komar.schemas.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Child confidentiality enforced by the schemas themselves. A schema passes when:
 * <ul>
 *   <li>every field of every record it contains states a {@code "classification"};</li>
 *   <li>every SENSITIVE or IDENTIFYING field has the type {@code SealedValue} (or null|SealedValue), so that no
 *       plaintext can be put there, and lists its {@code "audiences"}, all of them known;</li>
 *   <li>only sealed fields list audiences;</li>
 *   <li>every enum documents each of its symbols ({@code "symbolDocs"});</li>
 *   <li>no field is classified lower than in the schema's last released version.</li>
 * </ul>
 */
public final class SchemaPolicy {

  public static final String SEALED_VALUE = "org.komar.events.SealedValue";
  private static final Set<String> AUDIENCES = Arrays.stream(org.komar.events.Audience.values())
      .map(Enum::name).collect(Collectors.toUnmodifiableSet());

  private SchemaPolicy() {
  }

  /** Checks a schema on its own. */
  public static List<Violation> check(Schema schema) {
    return check(schema, Optional.empty());
  }

  /** Checks a schema, and that it lowers no classification compared with its last released version. */
  public static List<Violation> check(Schema schema, Optional<Schema> released) {
    List<Violation> violations = new ArrayList<>();
    Map<String, Classification> current = new HashMap<>();
    walk(schema.getName(), schema, "", new HashSet<>(), violations, current);
    released.ifPresent(previous -> {
      Map<String, Classification> before = new HashMap<>();
      walk(schema.getName(), previous, "", new HashSet<>(), new ArrayList<>(), before);
      before.forEach((field, was) -> {
        Classification now = current.get(field);
        if (now != null && now.compareTo(was) < 0) {
          violations.add(new Violation(schema.getName(), field,
              "classification lowered from " + was + " (released) to " + now));
        }
      });
    });
    return violations;
  }

  private static void walk(String root, Schema schema, String path, Set<String> seen, List<Violation> violations,
      Map<String, Classification> classifications) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return; // a recursive type: its fields were checked further up this path
        }
        for (Schema.Field field : schema.getFields()) {
          String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
          checkField(root, field, fieldPath, violations).ifPresent(level -> classifications.put(fieldPath, level));
          if (!SEALED_VALUE.equals(sealedType(field.schema()).orElse(""))) {
            walk(root, field.schema(), fieldPath, seen, violations, classifications);
          }
        }
        seen.remove(schema.getFullName());
      }
      case UNION -> schema.getTypes().forEach(branch -> walk(root, branch,
          branch.getType() == Schema.Type.RECORD ? path + "<" + branch.getName() + ">" : path,
          seen, violations, classifications));
      case ARRAY -> walk(root, schema.getElementType(), path + "[]", seen, violations, classifications);
      case MAP -> walk(root, schema.getValueType(), path + "{}", seen, violations, classifications);
      case ENUM -> checkEnum(root, schema, path, violations);
      default -> {
        // Primitive types carry no fields of their own.
      }
    }
  }

  private static Optional<Classification> checkField(String root, Schema.Field field, String path,
      List<Violation> violations) {
    Object declared = field.getObjectProp("classification");
    Object audiences = field.getObjectProp("audiences");
    if (declared == null) {
      violations.add(new Violation(root, path, "no \"classification\" (PUBLIC, INTERNAL, SENSITIVE or IDENTIFYING)"));
      return Optional.empty();
    }
    Classification level;
    try {
      level = Classification.valueOf(declared.toString());
    } catch (IllegalArgumentException e) {
      violations.add(new Violation(root, path, "unknown classification \"" + declared + "\""));
      return Optional.empty();
    }
    boolean sealed = sealedType(field.schema()).isPresent();
    if (level.mustBeSealed() && !sealed) {
      violations.add(new Violation(root, path, level + " field is not sealed: its type must be SealedValue or"
          + " [\"null\", \"SealedValue\"], not " + field.schema()));
    }
    if (sealed) {
      checkAudiences(root, path, audiences, violations);
    } else if (audiences != null) {
      violations.add(new Violation(root, path, "lists \"audiences\" but is not sealed"));
    }
    return Optional.of(level);
  }

  private static void checkAudiences(String root, String path, Object audiences, List<Violation> violations) {
    if (!(audiences instanceof List<?> list) || list.isEmpty()) {
      violations.add(new Violation(root, path, "sealed field lists no \"audiences\""));
      return;
    }
    for (Object audience : list) {
      if (!AUDIENCES.contains(String.valueOf(audience))) {
        violations.add(new Violation(root, path, "unknown audience \"" + audience + "\"; known: "
            + AUDIENCES.stream().sorted().toList()));
      }
    }
  }

  private static void checkEnum(String root, Schema schema, String path, List<Violation> violations) {
    Object docs = schema.getObjectProp("symbolDocs");
    Map<?, ?> symbolDocs = docs instanceof Map<?, ?> map ? map : Map.of();
    for (String symbol : schema.getEnumSymbols()) {
      Object doc = symbolDocs.get(symbol);
      if (doc == null || doc.toString().isBlank()) {
        violations.add(new Violation(root, path.isEmpty() ? schema.getName() : path,
            "enum " + schema.getName() + " does not document its symbol " + symbol + " (\"symbolDocs\")"));
      }
    }
  }

  /** The sealed type of a field: SealedValue itself, or a union of null and SealedValue. */
  static Optional<String> sealedType(Schema schema) {
    if (schema.getType() == Schema.Type.RECORD && SEALED_VALUE.equals(schema.getFullName())) {
      return Optional.of(SEALED_VALUE);
    }
    if (schema.getType() == Schema.Type.UNION) {
      List<Schema> branches = schema.getTypes();
      boolean nullAndSealed = branches.size() == 2
          && branches.stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL)
          && branches.stream().anyMatch(branch -> sealedType(branch).isPresent());
      return nullAndSealed ? Optional.of(SEALED_VALUE) : Optional.empty();
    }
    return Optional.empty();
  }
}
