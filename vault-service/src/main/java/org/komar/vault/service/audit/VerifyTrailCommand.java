package org.komar.vault.service.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.komar.events.AuditCheckpoint;
import org.komar.vault.audit.TrailVerifier;

/**
 * {@code ./komar audit verify}: walks the whole audit trail in the vault's database, on its own, without the vault's
 * service or its keys: only the public keyset, the database (read in one read-only transaction) and the checkpoint
 * folders given. Prints what it found and exits 0 if the trail is intact, 1 if it is not, 2 if it could not check.
 *
 * <p>Environment: {@code DB_URL}, {@code DB_USERNAME}, {@code DB_PASSWORD}, {@code KOMAR_AUDIT_PUBLIC_KEY}; arguments:
 * the checkpoint folders (the vault's, and any other copy, such as what {@code audit-checkpoints} held).
 */
public final class VerifyTrailCommand {

  private static final int SHOWN = 20;

  private VerifyTrailCommand() {
  }

  public static void main(String[] args) {
    System.exit(run(System.getenv(), List.of(args), System.out));
  }

  static int run(Map<String, String> environment, List<String> checkpointFolders, PrintStream out) {
    try {
      TrailVerifier verifier = TrailVerifier.of(Files.readString(Path.of(required(environment,
          "KOMAR_AUDIT_PUBLIC_KEY"))));
      List<AuditCheckpoint> checkpoints = new ArrayList<>();
      int unreadable = 0;
      for (String folder : checkpointFolders) {
        CheckpointFiles.Read read = new CheckpointFiles(Path.of(folder)).read();
        out.printf("Checkpoints in %s: %d%s%n", folder, read.checkpoints().size(),
            read.unreadable() == 0 ? "" : ", and " + read.unreadable() + " lines that are not checkpoints");
        checkpoints.addAll(read.checkpoints());
        unreadable += read.unreadable();
      }
      TrailVerifier.Verification verification;
      try (Connection connection = DriverManager.getConnection(required(environment, "DB_URL"),
          environment.get("DB_USERNAME"), environment.get("DB_PASSWORD"))) {
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        verification = TrailAudit.verify(verifier, connection, checkpoints);
        connection.rollback();
      }
      out.printf("Audit trail: %d records checked, the last numbered %d; the newest genuine checkpoint is at %d%s.%n",
          verification.recordsChecked(), verification.lastSequence(), verification.checkpointSequence(),
          verification.rejectedCheckpoints() + unreadable == 0 ? ""
              : " (" + (verification.rejectedCheckpoints() + unreadable) + " checkpoints rejected)");
      if (verification.intact()) {
        out.println("Intact: every record is present, in order, signed by the vault, and reaches every checkpoint.");
        return 0;
      }
      out.printf("NOT INTACT: %d problems; the first bad record is %d.%n", verification.problems().size(),
          verification.firstProblem().orElseThrow().sequence());
      verification.problems().stream().limit(SHOWN).forEach(problem ->
          out.printf("  %d %s: %s%n", problem.sequence(), problem.kind(), problem.detail()));
      if (verification.problems().size() > SHOWN) {
        out.printf("  ... and %d more%n", verification.problems().size() - SHOWN);
      }
      return 1;
    } catch (IOException | SQLException | RuntimeException e) {
      out.println("Could not verify the audit trail: " + e.getMessage());
      return 2;
    }
  }

  private static String required(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Set " + variable);
    }
    return value;
  }
}
