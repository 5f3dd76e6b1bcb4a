package org.komar.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.komar.schemas.Bytes;

/**
 * Parks a record in {@code <topic>-dlq}, byte for byte, with headers saying where it came from and why, and
 * returns only once the broker has it: Komar never drops a record silently. The message must be Komar's own
 * words (ids, channels, the exception's class), never content.
 */
public final class DeadLetterParking implements AutoCloseable {

  public static final String ERROR_CLASS = "komar.error.class";
  public static final String ERROR_MESSAGE = "komar.error.message";
  public static final String SOURCE_TOPIC = "komar.source.topic";
  public static final String SOURCE_PARTITION = "komar.source.partition";
  public static final String SOURCE_OFFSET = "komar.source.offset";
  public static final String PROCESSOR = "komar.processor";

  private final KafkaProducer<byte[], byte[]> producer;

  /** @param connection from {@link KafkaClients#connection} */
  public DeadLetterParking(Map<String, Object> connection, String clientId) {
    Map<String, Object> config = new HashMap<>(connection);
    config.putAll(Map.of("acks", "all", "enable.idempotence", true, "client.id", clientId));
    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The error headers every dead letter carries, added to (or replacing those of) {@code headers}. */
  public static Headers headers(Headers original, String topic, String errorClass, String message) {
    Headers headers = new RecordHeaders(original == null ? new RecordHeaders() : original);
    put(headers, ERROR_CLASS, errorClass);
    put(headers, ERROR_MESSAGE, message);
    put(headers, SOURCE_TOPIC, topic);
    return headers;
  }

  public static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  public void park(String topic, byte[] key, byte[] value, String errorClass, String message) {
    try {
      producer.send(new ProducerRecord<>(topic + "-dlq", null, key, value,
          headers(null, topic, errorClass, message))).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while parking a record of " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not park a record of " + topic + " in its dead-letter topic", e);
    }
  }

  /**
   * Parks a record that a consumer could not read, as it was read, naming the consumer ({@link #PROCESSOR}): each
   * group that reads a topic parks what it could not read itself, so two copies of one record say who failed.
   */
  public void parkUnreadable(RecordDeserializationException unreadable, String processor) {
    String topic = unreadable.topicPartition().topic();
    Headers headers = headers(null, topic, unreadable.getClass().getName(), "cannot be read");
    put(headers, PROCESSOR, processor);
    put(headers, SOURCE_PARTITION, Integer.toString(unreadable.topicPartition().partition()));
    put(headers, SOURCE_OFFSET, Long.toString(unreadable.offset()));
    try {
      producer.send(new ProducerRecord<>(topic + "-dlq", null, Bytes.of(unreadable.keyBuffer()),
          Bytes.of(unreadable.valueBuffer()), headers)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while parking a record of " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not park a record of " + topic + " in its dead-letter topic", e);
    }
  }


  @Override
  public void close() {
    producer.close();
  }
}
