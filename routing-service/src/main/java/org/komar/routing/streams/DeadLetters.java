package org.komar.routing.streams;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.komar.kafka.DeadLetterParking;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.RegistryUnreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks every record the router cannot read or may not act on in {@code <source topic>-dlq}, byte for byte as it
 * arrived, with headers saying where it came from and why; the stream then goes on with the next record. Nothing
 * is dropped silently and one bad record never stops a case's routing for everyone else. A record is never parked
 * because the schema registry was away (the serde waits for it, {@link RegistryUnreachable}), nor for an error
 * after the router decided, nor in a deadline scan: those fail, and run again. An unreadable record of a global
 * table's topic is skipped and logged, since the global thread cannot write dead letters.
 *
 * <p>The error headers and the log carry the exception's class and Komar's own message, never record content:
 * an Avro error may quote field values, so only messages of {@link RoutingException} are kept whole.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
  /** The topics the global thread reads, whose bad records are skipped rather than parked. */
  private static final Set<String> GLOBAL_TOPICS = Set.of(Topics.AGENCY_UNITS.name(),
      Topics.NAP_INDICATORS.name());

  @Override
  public void configure(Map<String, ?> configs) {
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (RegistryUnreachable.causedBy(exception)) {
      // Not unreadable: the thread was stopped while its serde waited for the registry. It fails, and the record
      // is read again from the last commit.
      LOG.warn("Could not read a record of {} partition {} offset {}: the schema registry cannot be reached",
          context.topic(), context.partition(), context.offset());
      return DeserializationExceptionHandler.Response.fail();
    }
    if (GLOBAL_TOPICS.contains(context.topic())) {
      // The global thread cannot send dead letters: the record is skipped, and said so with where it is.
      LOG.warn("Skipped a record of {} partition {} offset {} that cannot be read: {}", context.topic(),
          context.partition(), context.offset(), safeMessage(exception));
      return DeserializationExceptionHandler.Response.resume();
    }
    return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
  }

  /**
   * Parks only what the router refused, which it decides before it applies anything ({@link CaseRouter}).
   * Any other error fails the record: one raised while a decision is applied or its events written (the registry
   * will not give a schema, the producer failed a send) would otherwise be parked while the rest of the decision
   * went out, and a case would name a referral no agency was ever sent. Failed, the transaction is aborted and
   * the record read again from the last commit, by a new stream thread.
   */
  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
      Exception exception) {
    // A punctuation (deadlines) has no record to park: it fails, and runs again.
    if (exception instanceof RoutingException && CaseRouter.NAME.equals(context.processorNodeId())
        && context.topic() != null) {
      return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }
    LOG.error("Could not apply a record of {} partition {} offset {} at {}: {}; it is failed, to be read again",
        context.topic(), context.partition(), context.offset(), context.processorNodeId(), safeMessage(exception));
    return ProcessingExceptionHandler.Response.fail();
  }

  private static ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, Exception exception) {
    // Only records are parked, never a punctuation: every caller has its source topic.
    String topic = context.topic();
    String message = safeMessage(exception);
    LOG.warn("Parked a record of {} partition {} offset {} in {}-dlq: {}", topic, context.partition(),
        context.offset(), topic, message);
    Headers headers = DeadLetterParking.headers(context.headers(), topic, exception.getClass().getName(), message);
    DeadLetterParking.put(headers, DeadLetterParking.SOURCE_PARTITION, Integer.toString(context.partition()));
    DeadLetterParking.put(headers, DeadLetterParking.SOURCE_OFFSET, Long.toString(context.offset()));
    DeadLetterParking.put(headers, DeadLetterParking.PROCESSOR, String.valueOf(context.processorNodeId()));
    return new ProducerRecord<>(topic + "-dlq", null, context.sourceRawKey(), context.sourceRawValue(), headers);
  }

  /** Komar's own messages name ids and rules only; anyone else's may quote data, so only their class is kept. */
  public static String safeMessage(Throwable exception) {
    Throwable cause = exception;
    while (cause != null) {
      if (cause instanceof RoutingException routing) {
        return routing.getMessage();
      }
      cause = cause.getCause();
    }
    Throwable root = exception;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "cannot be read or processed (" + root.getClass().getSimpleName() + ")";
  }
}
