package org.komar.intake.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.komar.events.IntakeReceived;
import org.komar.events.SealedValue;
import org.komar.intake.api.IntakeRequest;
import org.komar.outbox.Outbox;
import org.komar.http.vault.VaultClient;
import org.komar.schemas.Topics;
import org.komar.schemas.reporter.ReporterStatus;

/**
 * Records an intake: has the vault seal what identifies the child or reporter (one call, before any transaction),
 * then stores the intake and queues its {@code IntakeReceived} in one transaction. With an idempotency key, a retry with the same body gets the same
 * case (and the same PIN) back; the same key with another body is refused.
 */
@Singleton
public final class IntakeService {

  /** A new case, or the one a retry of the same request created. */
  public record Created(UUID caseId, String caseReference, String reporterPin, Instant receivedAt, boolean replayed) {
  }

  /** The idempotency key was used before with a different request. */
  public static final class IdempotencyConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    IdempotencyConflict() {
      super("This Idempotency-Key was already used with a different request");
    }

    IdempotencyConflict(String message) {
      super(message);
    }
  }

  static final String STATUS_RECEIVED = ReporterStatus.RECEIVED.name();
  static final String STATUS_ERASED = ReporterStatus.ERASED.name();
  private static final String PIN_FIELD = "reporterPin";

  private final IntakeStore store;
  private final Outbox outbox;
  private final VaultClient vault;
  private final TransactionOperations<Connection> transactions;
  private final ObjectMapper json;
  private final ReporterPins pins;
  private final MeterRegistry metrics;
  private final Clock clock;

  public IntakeService(IntakeStore store, Outbox outbox, VaultClient vault,
      TransactionOperations<Connection> transactions, ObjectMapper json, ReporterPins pins, MeterRegistry metrics) {
    this.store = store;
    this.outbox = outbox;
    this.vault = vault;
    this.transactions = transactions;
    this.json = json;
    this.pins = pins;
    this.metrics = metrics;
    this.clock = Clock.systemUTC();
  }

  /**
   * Records the intake, or gives back the case a retry with the same key and body created. {@code person} is the
   * operator's own {@code Bearer} value: the vault opens the earlier PIN of a retry for them alone. With no person
   * (a reporting page) a retry is refused as a conflict instead: no one may open a PIN for a page.
   */
  public Created create(IntakeRequest request, String idempotencyKey, String person) {
    byte[] requestHash = pins.fingerprint(write(request));
    if (idempotencyKey != null) {
      Optional<IntakeRow> earlier = store.findByIdempotencyKey(idempotencyKey);
      if (earlier.isPresent()) {
        return replay(earlier.get(), requestHash, person);
      }
    }
    Sealed sealed = seal(request);
    for (int attempt = 1; ; attempt++) {
      try {
        Created created = transactions.executeWrite(status -> createNow(request, sealed, idempotencyKey,
            requestHash));
        // Counted by channel and risk only: nothing that could single out a child.
        metrics.counter("komar.intakes.recorded", "channel", request.channel().name(),
            "risk", request.riskLevel().name()).increment();
        return created;
      } catch (IntakeStore.Duplicate duplicate) {
        if (duplicate.constraint().equals("idempotency_key")) {
          // The same request raced itself: the first one won.
          return replay(store.findByIdempotencyKey(idempotencyKey).orElseThrow(), requestHash, person);
        }
        if (!duplicate.constraint().equals("case_reference") || attempt == 3) {
          throw duplicate;
        }
      }
    }
  }

  public Optional<IntakeRow> find(String caseReference) {
    return store.findByCaseReference(CaseReferences.normalise(caseReference));
  }

  /** Too many wrong PINs for a reference lately: the status check answers nothing for a while. */
  public static final class TooManyAttempts extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TooManyAttempts() {
      super("Too many status checks with a wrong PIN for this reference");
    }
  }

  static final int ATTEMPTS = 5;
  static final java.time.Duration ATTEMPT_WINDOW = java.time.Duration.ofMinutes(15);

  /**
   * The case of a reference and PIN, for the reporter's status check; empty for any mismatch alike, unknown
   * reference or wrong PIN. After {@value #ATTEMPTS} misses for a reference within 15 minutes, even the right PIN
   * is refused until the window passes, so that a PIN cannot be guessed.
   */
  public Optional<IntakeRow> forReporter(String caseReference, String pin) {
    String reference = CaseReferences.normalise(caseReference);
    // One transaction per reference at a time (an advisory lock on it): parallel guesses cannot all read a
    // count below the limit.
    Optional<IntakeRow> match = transactions.executeWrite(status -> {
      store.lockReference(reference);
      if (store.recentFailures(reference, ATTEMPT_WINDOW) >= ATTEMPTS) {
        return null;
      }
      Optional<IntakeRow> found = store.findByCaseReference(reference)
          .filter(row -> pins.matches(pin, row.reporterPinHash()));
      if (found.isEmpty()) {
        store.recordFailure(reference);
      }
      return found;
    });
    if (match == null) {
      throw new TooManyAttempts();
    }
    return match;
  }

  /** The sealed value of a field of an intake, as stored, if that field was recorded. */
  public Optional<SealedValue> sealed(IntakeRow row, String field) {
    byte[] bytes = switch (field) {
      case "childIdentity" -> row.childIdentity();
      case "narrative" -> row.narrative();
      case "contentUrls" -> row.contentUrls();
      case "offenderHandles" -> row.offenderHandles();
      case "reporterContact" -> row.reporterContact();
      default -> throw new IllegalArgumentException("Not a sealed field of an intake: " + field);
    };
    return Optional.ofNullable(bytes).map(IntakeService::decode);
  }

  /**
   * Opens a sealed field of one of the hotline's cases for {@code person} (their own {@code Bearer} value): the
   * vault checks the person's hotline against its own record of the case, and audits the opening.
   */
  public String open(IntakeRow row, String field, SealedValue sealed, String person, String purpose) {
    return vault.openForHotline(row.caseId().toString(), field, sealed, person, purpose);
  }

  /**
   * Crypto-shreds a case: the vault deletes its data key (and records {@code CaseErased}) for a supervisor of the
   * case's hotline ({@code person}, their own {@code Bearer} value), then the intake is marked erased. False when the
   * intake was marked erased before. An erasure whose marking failed is finished by asking again: the vault then
   * answers that it was erased, and the intake is marked.
   */
  public boolean erase(IntakeRow row, String person, String reason) {
    boolean erasedNow = vault.erase(row.caseId().toString(), person, reason);
    boolean markedBefore = row.status().equals(STATUS_ERASED);
    transactions.executeWrite(status -> {
      store.markErased(row.caseId());
      return null;
    });
    return erasedNow || !markedBefore;
  }

  /** The sealed fields of a new intake, sealed by the vault in one call, and its PIN. */
  private record Sealed(UUID caseId, String pin, Map<String, SealedValue> values) {

    SealedValue get(String field) {
      return values.get(field);
    }
  }

  private Sealed seal(IntakeRequest request) {
    UUID caseId = UUID.randomUUID();
    String pin = pins.next();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("childIdentity", write(request.child().identity() == null ? Map.of() : request.child().identity()));
    fields.put("narrative", request.narrative() == null ? "" : request.narrative());
    if (!isEmpty(request.contentUrls())) {
      fields.put("contentUrls", write(request.contentUrls()));
    }
    if (!isEmpty(request.offenderHandles())) {
      fields.put("offenderHandles", write(request.offenderHandles()));
    }
    if (request.reporterContact() != null) {
      fields.put("reporterContact", write(request.reporterContact()));
    }
    fields.put(PIN_FIELD, pin);
    return new Sealed(caseId, pin, vault.sealIntake(caseId.toString(), request.hotlineId(), fields));
  }

  private Created createNow(IntakeRequest request, Sealed sealed, String idempotencyKey, byte[] requestHash) {
    UUID caseId = sealed.caseId();
    String id = caseId.toString();
    String reference = CaseReferences.next();
    Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    SealedValue identity = sealed.get("childIdentity");
    SealedValue narrative = sealed.get("narrative");
    SealedValue urls = sealed.get("contentUrls");
    SealedValue handles = sealed.get("offenderHandles");
    SealedValue contact = sealed.get("reporterContact");

    IntakeReceived event = IntakeEvents.received(UUID.randomUUID().toString(), id, reference, receivedAt, request,
        identity, narrative, urls, handles, contact);
    store.insert(new IntakeRow(caseId, reference, pins.hash(sealed.pin()), encode(sealed.get(PIN_FIELD)),
        STATUS_RECEIVED, receivedAt, request.hotlineId(), request.channel().name(),
        request.reporterRelationship().name(), request.child().ageBand().name(), request.child().gender().name(),
        request.child().province().name(), request.child().language().name(), request.riskLevel().name(),
        request.preferences().femaleOfficer(), request.incidentCategories().stream().map(Enum::name)
            .toArray(String[]::new), encode(identity), encode(narrative), encode(urls), encode(handles),
        encode(contact), idempotencyKey, requestHash));
    outbox.append(Topics.CASE_INTAKES, id, event.getEventId(), event);
    return new Created(caseId, reference, sealed.pin(), receivedAt, false);
  }

  private Created replay(IntakeRow earlier, byte[] requestHash, String person) {
    if (earlier.requestHash() == null || !MessageDigest.isEqual(earlier.requestHash(), requestHash)) {
      // Erased cases keep no fingerprint: a retry after erasure is a conflict, not a way to the old case.
      throw new IdempotencyConflict();
    }
    if (person == null) {
      // A reporting page's retry: no person to open the PIN for, so it is not shown again.
      throw new IdempotencyConflict("This report was recorded already; its reference and PIN are not shown again");
    }
    // Opened by the vault for the operator who retried, and audited under their name, like any opening.
    String pin = vault.openForHotline(earlier.caseId().toString(), PIN_FIELD, decode(earlier.reporterPin()), person,
        "IDEMPOTENT_RETRY");
    return new Created(earlier.caseId(), earlier.caseReference(), pin, earlier.receivedAt(), true);
  }

  private static boolean isEmpty(List<?> values) {
    return values == null || values.isEmpty();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] encode(SealedValue sealed) {
    if (sealed == null) {
      return null;
    }
    try {
      ByteBuffer buffer = SealedValue.getEncoder().encode(sealed);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SealedValue decode(byte[] bytes) {
    try {
      return SealedValue.getDecoder().decode(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
