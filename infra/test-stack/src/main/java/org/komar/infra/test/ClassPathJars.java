package org.komar.infra.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class path of jars only, for a JVM that keeps a class-data archive ({@link TestJvms#archived}): the JVM will
 * not archive a class path with a folder on it, and a test's class path has two ({@code target/classes} and
 * {@code target/test-classes}). Each folder becomes a jar named after its content (every file's path, size and
 * time), so that an unchanged folder keeps its jar, and the archive made with it, from one test JVM to the next.
 */
final class ClassPathJars {

  /** This test JVM's class path, made once: its folders do not change while its tests run. */
  private static final Map<String, String> MADE = new ConcurrentHashMap<>();

  private ClassPathJars() {
  }

  /** {@code classPath} with each folder on it replaced by a jar of its content, written into {@code into}. */
  static String of(String classPath, Path into) {
    return MADE.computeIfAbsent(classPath + File.pathSeparator + into, key -> {
      List<String> entries = new ArrayList<>();
      for (String entry : classPath.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          Path path = Path.of(entry);
          entries.add(Files.isDirectory(path) ? jarOf(path.toAbsolutePath().normalize(), into).toString() : entry);
        }
      }
      return String.join(File.pathSeparator, entries);
    });
  }

  /**
   * A module's packaged jar when it holds what {@code target/classes} holds (no class there is newer), or else a
   * jar made of that folder: a module built with {@code mvn compile} after its last package.
   */
  static Path moduleJar(Path moduleDir, Path into) {
    Path target = moduleDir.resolve("target");
    Path classes = target.resolve("classes");
    try (Stream<Path> jars = Files.list(target)) {
      // The module's own jar, <module>-<version>.jar, not one with a classifier.
      Path packaged = jars.map(Path::getFileName).map(Path::toString)
          .filter(name -> name.startsWith(moduleDir.getFileName() + "-") && name.endsWith(".jar")
              && !name.matches(".*-(sources|tests|test-sources|javadoc)\\.jar"))
          .findFirst().map(target::resolve).orElse(null);
      if (packaged != null && newest(classes) <= Files.getLastModifiedTime(packaged).toMillis()) {
        return packaged.toAbsolutePath();
      }
      return jarOf(classes.toAbsolutePath().normalize(), into);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + target, e);
    }
  }

  private static long newest(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().lastModified()).max().orElse(0);
    }
  }

  private static Path jarOf(Path folder, Path into) {
    try {
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(folder)) {
        paths = walk.filter(path -> !path.equals(folder)).sorted().toList();
      }
      MessageDigest digest = sha256();
      digest.update(folder.toString().getBytes(StandardCharsets.UTF_8));
      for (Path path : paths) {
        digest.update((entryName(folder, path) + " " + Files.size(path) + " "
            + Files.getLastModifiedTime(path).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      Path jar = into.resolve(folder.getParent().getParent().getFileName() + "-" + folder.getFileName() + "-"
          + HexFormat.of().formatHex(digest.digest(), 0, 8) + ".jar").toAbsolutePath();
      if (Files.isRegularFile(jar)) {
        return jar;
      }
      Files.createDirectories(into);
      Path part = Files.createTempFile(into, jar.getFileName().toString(), ".part");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(part))) {
        for (Path path : paths) {
          // Folders get entries too: a class loader finds a package's folder (Flyway's db/migration) only by one.
          JarEntry entry = new JarEntry(entryName(folder, path));
          entry.setTime(Files.getLastModifiedTime(path).toMillis());
          out.putNextEntry(entry);
          if (Files.isRegularFile(path)) {
            Files.copy(path, out);
          }
          out.closeEntry();
        }
      }
      try {
        // A link is made whole or not at all, and never replaces: a jar another JVM made meanwhile (the same
        // content) stays, with the time its archive was made against.
        Files.createLink(jar, part);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // made by another JVM meanwhile
      } finally {
        Files.delete(part);
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not make a jar of " + folder, e);
    }
  }

  private static String entryName(Path folder, Path path) {
    String name = folder.relativize(path).toString().replace(File.separatorChar, '/');
    return Files.isDirectory(path) ? name + "/" : name;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
