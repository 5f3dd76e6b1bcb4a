package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.kiota.ApiExceptionBuilder;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.komar.events.IntakeReceived;
import org.komar.infra.test.InMemorySchemaRegistry;
import org.komar.routing.Intakes;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;
import org.komar.schemas.serde.RegistryUnreachable;

/**
 * A router that starts, or meets a schema it has not cached, while the schema registry restarts or its database
 * is away: its serde waits for the registry and reads the record, rather than fail it as unreadable (which would
 * park a good intake, or end the global thread that keeps the agency directory).
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
  void shouldWaitForARegistryThatAnswersServerErrorsWhileItsDatabaseIsAway() {
    AtomicInteger errors = new AtomicInteger(3);

    IntakeReceived read = KomarSerdes.through(failing(errors, 503), "/komar/routing-service")
        .valueSerde(Topics.CASE_INTAKES).deserializer().deserialize(Topics.CASE_INTAKES.name(), written);

    assertThat(read).isEqualTo(intake);
    assertThat(errors.get()).isNegative();
  }

  @Test
  void shouldFailAtOnceOverASchemaTheRegistrySaysItDoesNotHold() {
    AtomicInteger errors = new AtomicInteger(Integer.MAX_VALUE);
    long started = System.nanoTime();

    assertThatThrownBy(() -> KomarSerdes.through(failing(errors, 404), "/komar/routing-service")
        .valueSerde(Topics.CASE_INTAKES).deserializer().deserialize(Topics.CASE_INTAKES.name(), written))
        .satisfies(failure -> assertThat(RegistryUnreachable.causedBy(failure)).isFalse());
    assertThat(System.nanoTime() - started).as("no wait for the registry").isLessThan(1_000_000_000L);
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
    return answering(refusals,
        () -> new RuntimeException(new ExecutionException(new ConnectException("Connection refused"))));
  }

  /** The registry, answering {@code status} for the first {@code failures} calls, as its HTTP API does. */
  private RegistryClientFacade failing(AtomicInteger failures, int status) {
    return answering(failures, () -> new ApiExceptionBuilder().withMessage("HTTP " + status)
        .withResponseStatusCode(status).build());
  }

  private RegistryClientFacade answering(AtomicInteger failures, Supplier<RuntimeException> failure) {
    return (RegistryClientFacade) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RegistryClientFacade.class}, (proxy, method, arguments) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(registry, arguments);
          }
          if (failures.getAndDecrement() > 0) {
            throw failure.get();
          }
          try {
            return method.invoke(registry, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
