package org.komar.vault.service.directory;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import jakarta.annotation.PreDestroy;
import org.komar.events.AgencyUnit;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.komar.kafka.ListenerFailures;

/**
 * Reads the agency directory ({@code agency-units}) into the audit trail, each version of a unit once
 * ({@link RecordedDirectory}). A record that cannot be read is parked in {@code agency-units-dlq}, naming this
 * reader; anything else (the database away) reads the record again. A unit deleted from the compacted topic (a
 * tombstone) is not a change the directory API makes, and is left to the trail of whoever deleted it.
 */
@KafkaListener(groupId = DirectoryListener.GROUP, offsetReset = OffsetReset.EARLIEST)
public class DirectoryListener implements KafkaListenerExceptionHandler, AutoCloseable {

  static final String GROUP = "komar-vault-directory";

  private final RecordedDirectory directory;
  private final DeadLetterParking parking;

  public DirectoryListener(RecordedDirectory directory, KomarKafka kafka) {
    this.directory = directory;
    this.parking = kafka.deadLetterParking("agency-units-dead-letters");
  }

  @Topic("agency-units")
  public void changed(@io.micronaut.core.annotation.Nullable AgencyUnit unit) {
    if (unit != null) {
      directory.record(unit);
    }
  }

  @Override
  public void handle(KafkaListenerException exception) {
    ListenerFailures.parkOrReadAgain(exception, parking, GROUP, "record a change of the directory in the audit trail");
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
