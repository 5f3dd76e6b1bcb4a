package org.komar.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of an installed PostgreSQL's cluster when the server runs as the user {@code postgres} (because we
 * are root). That user must be able to enter every folder on the way to its cluster, and a data folder under a
 * home closed to others (root's own, mode 700) or in a {@code mktemp -d} folder is out of its reach. The cluster
 * then gets a folder of its own, named after the requested one: in that user's home directory, where the
 * distribution keeps its own clusters and which survives a reboot, else in the system temp folder. The requested
 * folder becomes a symbolic link to it, so that restarts, {@code ./komar reset} and the leftover checks find the
 * cluster where they always look. Each start with a moved cluster says where it is, and why, in one line.
 */
final class ClusterFolder {

  private static final String PREFIX = "komar-postgres-";
  /** The requested folder, written into a relocated one: only that folder ever reuses or replaces it. */
  private static final String LINKED_FROM = "linked-from";
  private static final Path PASSWD = Path.of("/etc/passwd");
  private static final Logger LOG = LoggerFactory.getLogger(ClusterFolder.class);

  private final String user;
  private final UserPrincipal owner;

  private ClusterFolder(String user, UserPrincipal owner) {
    this.user = user;
    this.owner = owner;
  }

  /** The folder to keep {@code home}'s cluster in: {@code home} or its link's target, owned by the user, mode 700. */
  static Path prepare(String user, Path home) throws IOException {
    UserPrincipal owner = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    return new ClusterFolder(user, owner).prepare(home.toAbsolutePath());
  }

  private Path prepare(Path home) throws IOException {
    Files.createDirectories(home.getParent());
    Optional<Path> closed = closedFolderOnTheWayTo(home.getParent());
    if (Files.isSymbolicLink(home)) {
      Path target = home.resolveSibling(Files.readSymbolicLink(home));
      if (ownedDirectory(target)) {
        say(target, closed, home);
        return target;
      }
      // Its folder is gone (a temp folder emptied at reboot): the cluster starts afresh.
      Files.delete(home);
    }
    if (closed.isEmpty()) {
      return handOver(Files.createDirectories(home));
    }
    Path moved = move(home, closed.get());
    say(moved, closed, home);
    return moved;
  }

  /** Links {@code home} to a folder of its own in the user's home directory, else in the system temp folder. */
  private Path move(Path home, Path closed) throws IOException {
    if (Files.exists(home.resolve("data").resolve("PG_VERSION"))) {
      throw new InfraException("PostgreSQL runs as the user '" + user + "', which cannot enter " + closed
          + " to reach its cluster in " + home + ". Let it enter " + closed + ", or start afresh with ./komar reset.");
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    List<Path> bases = Stream.concat(homeDirectory().stream(), Stream.of(tmp)).toList();
    for (Path base : bases) {
      if (Files.isDirectory(base) && closedFolderOnTheWayTo(base).isEmpty()) {
        Optional<Path> target = claim(base.resolve(PREFIX + digest(home)), home);
        if (target.isPresent()) {
          // No cluster in home (checked above), at most what an earlier start left on stopping at the closed folder.
          Folders.delete(home);
          Files.createSymbolicLink(home, target.get());
          return target.get();
        }
      }
    }
    throw new InfraException("PostgreSQL runs as the user '" + user + "', which cannot enter " + closed
        + " to reach " + home + ", and no folder of its own was found in " + bases
        + ". Set KOMAR_DATA_DIR to a folder it can reach.");
  }

  private void say(Path target, Optional<Path> closed, Path home) {
    LOG.info("PostgreSQL: data in {} ({})", target,
        closed.map(folder -> "the user '" + user + "' cannot enter " + folder).orElse(home + " links there"));
  }

  /**
   * Makes the folder for {@code home}'s cluster, or takes back the one its data folder had before it was deleted
   * without {@code ./komar reset}: that cluster holds a password the data folder no longer keeps. Empty when the
   * folder exists and is not ours (in the temp folder, anyone may have made it first).
   */
  private Optional<Path> claim(Path target, Path home) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!ownedDirectory(target) || !linkedFrom(target).equals(home.toString())) {
        return Optional.empty();
      }
      stopServer(target);
      Folders.delete(target);
    }
    Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(target.resolve(LINKED_FROM), home + "\n");
    return Optional.of(handOver(target));
  }

  /**
   * The first folder on the way to {@code folder}, itself included, that the user may not enter. Asked as that
   * user, so that its groups and any access control lists count as they will for the server.
   */
  private Optional<Path> closedFolderOnTheWayTo(Path folder) throws IOException {
    List<String> command = new ArrayList<>(List.of("runuser", "-u", user, "--", "sh", "-c",
        "for folder; do test -x \"$folder\" || { echo \"$folder\"; exit 0; }; done", "sh"));
    List<String> way = new ArrayList<>();
    for (Path step = folder.toAbsolutePath(); step != null; step = step.getParent()) {
      way.addFirst(step.toString());
    }
    command.addAll(way);
    Process probe = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (probe.waitFor() != 0) {
        throw new InfraException("Could not ask which folders the user '" + user + "' may enter: runuser failed"
            + " with exit code " + probe.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("Interrupted while asking which folders the user '" + user + "' may enter", e);
    }
    return answer.isEmpty() ? Optional.empty() : Optional.of(Path.of(answer));
  }

  /** The user's home directory, from /etc/passwd; not {@code /}, which some system users are given. */
  private Optional<Path> homeDirectory() throws IOException {
    if (!Files.isReadable(PASSWD)) {
      return Optional.empty();
    }
    try (Stream<String> entries = Files.lines(PASSWD)) {
      return entries.map(entry -> entry.split(":", -1))
          .filter(fields -> fields.length > 5 && fields[0].equals(user))
          .map(fields -> Path.of(fields[5]))
          .filter(folder -> folder.isAbsolute() && folder.getNameCount() > 0)
          .findFirst();
    }
  }

  /** A short name that the same requested folder finds again at every start. */
  private static String digest(Path home) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(home.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }

  private String linkedFrom(Path target) throws IOException {
    Path file = target.resolve(LINKED_FROM);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readString(file).trim() : "";
  }

  private boolean ownedDirectory(Path folder) throws IOException {
    return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
        && Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).equals(owner);
  }

  private Path handOver(Path folder) throws IOException {
    Files.setOwner(folder, owner);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  /** A server still running on a cluster about to be replaced: its data folder was deleted while it ran. */
  private static void stopServer(Path cluster) throws IOException {
    Path pidFile = cluster.resolve("data").resolve("postmaster.pid");
    List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
    Optional<ProcessHandle> server = lines.isEmpty() || !lines.getFirst().trim().matches("\\d+") ? Optional.empty()
        : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()))
            .filter(process -> process.info().commandLine()
                .map(command -> command.contains(cluster.toString())).orElse(false));
    if (server.isEmpty()) {
      return;
    }
    server.get().destroy();
    try {
      server.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.get().destroyForcibly();
    } catch (ExecutionException | TimeoutException e) {
      server.get().destroyForcibly();
    }
  }

}
