package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.komar.kafka.DeadLetterParking;

/** A record the router cannot read is parked byte for byte in its topic's twin, with why, and nothing of it. */
class DeadLettersTest {

  private static final byte[] KEY = "case-9".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "Sokha Chan, 012 345 678".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldParkTheOriginalBytesInTheSourceTopicsTwinWithErrorHeadersAndResume() {
    var response = new DeadLetters().handleError(context(), new ConsumerRecord<>("case-intakes", 2, 41, KEY, VALUE),
        new IllegalStateException("Unknown magic byte! " + new String(VALUE, StandardCharsets.UTF_8)));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> parked = response.deadLetterQueueRecords().getFirst();
    assertThat(parked.topic()).isEqualTo("case-intakes-dlq");
    assertThat(parked.key()).isEqualTo(KEY);
    assertThat(parked.value()).isEqualTo(VALUE);
    assertThat(header(parked.headers(), DeadLetterParking.SOURCE_TOPIC)).isEqualTo("case-intakes");
    assertThat(header(parked.headers(), DeadLetterParking.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(header(parked.headers(), DeadLetterParking.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(header(parked.headers(), DeadLetterParking.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
    // The foreign message quoted the record; only its class is kept
    assertThat(header(parked.headers(), DeadLetterParking.ERROR_MESSAGE)).doesNotContain("Sokha").contains("IllegalState");
  }

  @Test
  void shouldFailRatherThanParkARecordLeftUnreadBecauseTheRegistryCouldNotAnswer() {
    var response = new DeadLetters().handleError(context(), new ConsumerRecord<>("case-intakes", 2, 41, KEY, VALUE),
        new RuntimeException(new java.util.concurrent.ExecutionException(
            new java.net.ConnectException("Connection refused: /127.0.0.1:18080"))));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldParkTruncatedBytesThoughAvroReportsThemAsAnInputFailure() {
    var response = new DeadLetters().handleError(context(), new ConsumerRecord<>("case-intakes", 2, 41, KEY, VALUE),
        new org.apache.avro.AvroRuntimeException(new java.io.EOFException()));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
  }

  @Test
  void shouldKeepKomarsOwnMessageWhichNamesIdsOnly() {
    assertThat(DeadLetters.safeMessage(new RoutingException("Referral r-1 is COMPLETED and cannot be accepted now")))
        .isEqualTo("Referral r-1 is COMPLETED and cannot be accepted now");
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      public String topic() { return "case-intakes"; }
      public int partition() { return 2; }
      public long offset() { return 41; }
      public Headers headers() { return new RecordHeaders(); }
      public String processorNodeId() { return "read-case-intakes"; }
      public TaskId taskId() { return new TaskId(0, 2); }
      public long timestamp() { return 0; }
      public byte[] sourceRawKey() { return KEY; }
      public byte[] sourceRawValue() { return VALUE; }
    };
  }
}
