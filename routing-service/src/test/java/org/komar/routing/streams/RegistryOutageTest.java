package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.komar.events.IntakeReceived;
import org.komar.infra.test.InMemorySchemaRegistry;
import org.komar.routing.Intakes;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;
import org.komar.schemas.serde.RegistryUnreachable;

/**
 * A router that starts, or meets a schema it has not cached, while the schema registry restarts: its serde waits
 * for the registry and reads the record, rather than fail it as unreadable (which would park a good intake).
 */
class RegistryOutageTest {

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.withEventSchemas();
  private final IntakeReceived intake = Intakes.girlInSiemReap().setCaseId("case-outage")
      .setEventId("case-outage/intake").setConsents(Intakes.allConsents()).build();
  private final byte[] written = KomarSerdes.through(registry, "/komar/intake-service")
      .valueSerde(Topics.CASE_INTAKES).serializer().serialize(Topics.CASE_INTAKES.name(), new RecordHeaders(), intake);

  @Test
  void shouldWaitForTheRegistryToReadARecordWhoseSchemaItHasNotCachedYet() {
    AtomicInteger refusals = new AtomicInteger(3);

    IntakeReceived read = KomarSerdes.through(refusing(refusals), "/komar/routing-service")
        .valueSerde(Topics.CASE_INTAKES).deserializer().deserialize(Topics.CASE_INTAKES.name(), written);

    assertThat(read).isEqualTo(intake);
    assertThat(refusals.get()).as("every refusal was met, then the registry answered").isNegative();
  }

  @Test
  void shouldFailAtOnceOverBytesThatAreNotAKomarRecord() {
    AtomicInteger refusals = new AtomicInteger(0);
    long started = System.nanoTime();

    assertThatThrownBy(() -> KomarSerdes.through(refusing(refusals), "/komar/routing-service")
        .valueSerde(Topics.CASE_INTAKES).deserializer().deserialize(Topics.CASE_INTAKES.name(),
            "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .satisfies(failure -> assertThat(RegistryUnreachable.causedBy(failure)).isFalse());
    assertThat(System.nanoTime() - started).as("no wait for the registry").isLessThan(1_000_000_000L);
  }

  /** The registry, refusing connections (as Apicurio's client reports them) for the first {@code refusals} calls. */
  private RegistryClientFacade refusing(AtomicInteger refusals) {
    return (RegistryClientFacade) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RegistryClientFacade.class}, (proxy, method, arguments) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(registry, arguments);
          }
          if (refusals.getAndDecrement() > 0) {
            throw new RuntimeException(new ExecutionException(new ConnectException("Connection refused")));
          }
          try {
            return method.invoke(registry, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
