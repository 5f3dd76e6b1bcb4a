package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.IntakeReceived;
import org.komar.infra.platform.SampleData;
import org.komar.infra.test.InMemorySchemaRegistry;
import org.komar.routing.Intakes;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * A global table's store is written by Kafka Streams' global thread and read by every stream thread, and Streams
 * hands its serde the headers of the record the global thread is processing. Its serde must never touch them: a
 * stream thread reading them while the global thread stamped them ended routing's stream thread under load.
 */
class StoreSerdeTest {

  private final KomarSerdes serdes = KomarSerdes.through(InMemorySchemaRegistry.withEventSchemas(),
      "/komar/routing-service");
  private final IntakeReceived intake = Intakes.girlInSiemReap().setCaseId("case-store")
      .setEventId("case-store/intake").setConsents(Intakes.allConsents()).build();

  @Test
  void shouldWriteAndReadAStoredValueWithoutTouchingTheHeadersItIsHanded() {
    AtomicInteger touched = new AtomicInteger();
    Headers untouchable = untouchable(touched);
    Serde<IntakeReceived> store = serdes.storeSerde(Topics.CASE_INTAKES);

    byte[] stored = store.serializer().serialize(Topics.CASE_INTAKES.name(), untouchable, intake);
    IntakeReceived read = store.deserializer().deserialize(Topics.CASE_INTAKES.name(), untouchable, stored);

    assertThat(read).isEqualTo(intake);
    assertThat(touched).as("calls on the headers").hasValue(0);
  }

  @Test
  void shouldStoreTheSameBytesAsTheTopicHoldsSoThatAStoreRestoredFromTheTopicReadsBack() {
    byte[] onTopic = serdes.valueSerde(Topics.CASE_INTAKES).serializer()
        .serialize(Topics.CASE_INTAKES.name(), new RecordHeaders(), intake);

    IntakeReceived read = serdes.storeSerde(Topics.CASE_INTAKES).deserializer()
        .deserialize(Topics.CASE_INTAKES.name(), untouchable(new AtomicInteger()), onTopic);

    assertThat(read).isEqualTo(intake);
  }

  @Test
  void shouldShowThatTheTopicSerdeDoesTouchHeadersWhichIsWhyAStoreNeedsItsOwn() {
    AtomicInteger touched = new AtomicInteger();
    try {
      serdes.valueSerde(Topics.CASE_INTAKES).serializer().serialize(Topics.CASE_INTAKES.name(), untouchable(touched),
          intake);
    } catch (IllegalStateException expected) {
      // the untouchable headers refuse the stamp
    }
    assertThat(touched).as("calls on the headers by the topic's serde, which stamps CloudEvents").hasPositiveValue();
  }

  @Test
  void shouldReadTheDirectoryInTheRouterWithoutTouchingTheHeadersOfTheGlobalThreadsLastRecord() {
    // Streams takes a global table's serdes from its Consumed, not its Materialized: this is the topology as it runs
    try (RouterDriver router = new RouterDriver()) {
      AgencyUnit unit = SampleData.directory().getFirst();
      ArmedHeader armed = new ArmedHeader();
      router.units.pipeInput(new TestRecord<>(unit.getUnitId(), unit, new RecordHeaders(new Header[] {armed}),
          RouterDriver.START));
      armed.armed = true; // from now on, the global thread's record is "being changed by another thread"

      router.intakes.pipeInput("case-global", Intakes.girlInSiemReap().setCaseId("case-global")
          .setEventId("case-global/intake").setConsents(Intakes.allConsents()).build());

      assertThat(router.caseStates.readValuesToList()).as("the case was routed, the directory read").isNotEmpty();
      assertThat(armed.touchedWhileArmed).as("calls on the global thread's headers from the router").isZero();
    }
  }

  /** A header that works until it is armed, then counts and refuses every call. */
  private static final class ArmedHeader implements Header {

    volatile boolean armed;
    volatile int touchedWhileArmed;

    private void check() {
      if (armed) {
        touchedWhileArmed++;
        throw new IllegalStateException("the global thread's headers, read from a stream thread");
      }
    }

    @Override
    public String key() {
      check();
      return "komar-test";
    }

    @Override
    public byte[] value() {
      check();
      return new byte[0];
    }
  }

  /** Headers that count, and refuse, every call made on them. */
  private static Headers untouchable(AtomicInteger touched) {
    return (Headers) Proxy.newProxyInstance(Headers.class.getClassLoader(), new Class<?>[] {Headers.class},
        (proxy, method, arguments) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == arguments[0];
              default -> "untouchable headers";
            };
          }
          touched.incrementAndGet();
          throw new IllegalStateException("another thread's headers: " + method.getName());
        });
  }
}
