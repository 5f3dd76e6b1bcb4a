package org.komar.schemas.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Komar's {@code .avsc} files and their released versions.
 *
 * <p>Sources are parsed in dependency order (enums, shared records, events, envelopes), the order the build's
 * code generation uses too. Released versions live in {@code schemas/released/<Name>.v<N>.avsc}, fully
 * resolved (every named type inlined), so that each can be read on its own years later.
 */
public final class SchemaFiles {

  /** Folders under the Avro source root, in the order their types are needed. */
  public static final List<String> ORDER = List.of("common/enums", "common/records", "events", "envelopes");

  private static final Pattern RELEASED = Pattern.compile("(?<name>[A-Za-z0-9_]+)\\.v(?<version>\\d+)\\.avsc");

  private SchemaFiles() {
  }

  /** Every named type defined under {@code sourceRoot}, by full name, in parse order. */
  public static Map<String, Schema> parseAll(Path sourceRoot) {
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Path file : sources(sourceRoot)) {
      try {
        Schema schema = parser.parse(file.toFile());
        schemas.put(schema.getFullName(), schema);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("Cannot parse " + file + ": " + e.getMessage(), e);
      }
    }
    return schemas;
  }

  private static List<Path> sources(Path sourceRoot) {
    List<Path> files = new ArrayList<>();
    for (String folder : ORDER) {
      files.addAll(avscIn(sourceRoot.resolve(folder)));
    }
    List<Path> others = avscIn(sourceRoot).stream().filter(file -> !files.contains(file)).toList();
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("Schemas outside " + ORDER + " under " + sourceRoot + ": " + others);
    }
    return files;
  }

  private static List<Path> avscIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(file -> file.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }

  /** The last released version of the named schema, if it was ever released. */
  public static Optional<Schema> latestReleased(Path releasedDir, String name) {
    return releases(releasedDir, name).stream().reduce((first, second) -> second)
        .map(SchemaFiles::parseReleased);
  }

  /** The released files of one schema, oldest first. */
  static List<Path> releases(Path releasedDir, String name) {
    if (!Files.isDirectory(releasedDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(releasedDir)) {
      return files.filter(file -> {
        Matcher matcher = RELEASED.matcher(file.getFileName().toString());
        return matcher.matches() && matcher.group("name").equals(name);
      }).sorted(Comparator.comparingInt(SchemaFiles::version)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + releasedDir, e);
    }
  }

  static int version(Path released) {
    Matcher matcher = RELEASED.matcher(released.getFileName().toString());
    return matcher.matches() ? Integer.parseInt(matcher.group("version")) : 0;
  }

  private static Schema parseReleased(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
