package org.komar.schemas.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;

/**
 * The build's schema policy gate: checks every schema under the Avro source folder against {@link SchemaPolicy}
 * and its last released version, and fails the build naming each schema and field at fault.
 *
 * <p>{@code check <avro-dir> <released-dir>} runs in the {@code schemas} build (process-classes).
 * {@code release <avro-dir> <released-dir>} records the current version of every record schema that changed
 * since its last release, as the next {@code <Name>.v<N>.avsc}; run it when a version is deployed.
 */
public final class SchemaPolicyCheck {

  private SchemaPolicyCheck() {
  }

  public static void main(String[] args) {
    if (args.length != 3 || !List.of("check", "release").contains(args[0])) {
      throw new IllegalArgumentException("usage: SchemaPolicyCheck check|release <avro-dir> <released-dir>");
    }
    Path sources = Path.of(args[1]);
    Path released = Path.of(args[2]);
    Map<String, Schema> schemas = SchemaFiles.parseAll(sources);
    if (args[0].equals("release")) {
      release(schemas, released).forEach(file -> System.out.println("Released " + file));
      return;
    }
    List<Violation> violations = check(schemas, released);
    if (!violations.isEmpty()) {
      throw new SchemaPolicyException(violations);
    }
    System.out.println("Schema policy: " + schemas.size() + " schemas comply.");
  }

  /** Every violation of every schema, each against its own last release. */
  public static List<Violation> check(Map<String, Schema> schemas, Path releasedDir) {
    List<Violation> violations = new ArrayList<>();
    for (Schema schema : schemas.values()) {
      Optional<Schema> previous = schema.getType() == Schema.Type.RECORD
          ? SchemaFiles.latestReleased(releasedDir, schema.getName()) : Optional.empty();
      violations.addAll(SchemaPolicy.check(schema, previous));
    }
    return violations;
  }

  static List<Path> release(Map<String, Schema> schemas, Path releasedDir) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(releasedDir);
      for (Schema schema : schemas.values()) {
        if (schema.getType() != Schema.Type.RECORD) {
          continue;
        }
        List<Path> releases = SchemaFiles.releases(releasedDir, schema.getName());
        Optional<Schema> latest = SchemaFiles.latestReleased(releasedDir, schema.getName());
        if (latest.isPresent() && latest.get().equals(schema)) {
          continue;
        }
        int next = releases.isEmpty() ? 1 : SchemaFiles.version(releases.getLast()) + 1;
        Path file = releasedDir.resolve(schema.getName() + ".v" + next + ".avsc");
        Files.writeString(file, SchemaFormatter.format("json/pretty", schema) + "\n");
        written.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to " + releasedDir, e);
    }
    return written;
  }

  /** The build fails with this: one line per violation. */
  public static final class SchemaPolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SchemaPolicyException(List<Violation> violations) {
      super("Schema policy violated (" + violations.size() + "):\n  "
          + String.join("\n  ", violations.stream().map(Violation::toString).toList()));
    }
  }
}
