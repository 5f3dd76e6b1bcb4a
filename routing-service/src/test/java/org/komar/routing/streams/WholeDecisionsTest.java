package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.kiota.ApiExceptionBuilder;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.komar.events.DeclineReason;
import org.komar.events.IntakeReceived;
import org.komar.events.ReferralDeclined;
import org.komar.events.ReferralUpdate;
import org.komar.infra.test.InMemorySchemaRegistry;
import org.komar.routing.Intakes;
import org.komar.routing.rules.RoutingRules;
import org.komar.schemas.Topics;

/**
 * The router applies a decision whole or not at all. When one of its events cannot be written (here the registry
 * will not give the police referral's schema), the record fails and is read again later; it is never parked
 * while the rest of its decision (the other referral, the case state) goes out, which would leave a case that
 * says the police were asked when they never were.
 */
class WholeDecisionsTest {

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.withEventSchemas();
  private final RouterDriver router = new RouterDriver(RoutingRules.standard(),
      new RoutingTopology.Settings(RouterDriver.SCAN, Duration.ofHours(1)),
      refusingSchemasOf(Topics.REFERRALS_POLICE.name()));

  @AfterEach
  void close() {
    router.close();
  }

  @Test
  void shouldFailAnIntakeWhoseReferralCannotBeWrittenRatherThanPublishHalfItsDecision() {
    IntakeReceived intake = Intakes.girlInSiemReap().setCaseId("case-1").setEventId("case-1/intake")
        .setConsents(Intakes.allConsents()).build();

    assertThatThrownBy(() -> router.intakes.pipeInput("case-1", intake)).isInstanceOf(StreamsException.class);

    assertThat(router.police.readKeyValuesToList()).isEmpty();
    assertThat(router.psychosocial.readKeyValuesToList()).as("the rest of the decision").isEmpty();
    assertThat(router.caseStates.readKeyValuesToList()).as("a state naming a referral never sent").isEmpty();
    assertThat(router.intakesDlq.readKeyValuesToList()).as("a good intake is not parked").isEmpty();
  }

  @Test
  void shouldStillParkAnUpdateTheRulesRefuseAndGoOn() {
    // A refusal is the router's own, decided before it touches anything: parking it loses nothing.
    router.updates.pipeInput("case-unknown", ReferralUpdate.newBuilder().setUpdate(ReferralDeclined.newBuilder()
        .setEventId("e-1").setCaseId("case-unknown").setOccurredAt(RouterDriver.START).setReferralId("r-1")
        .setUnitId("police-phnom-penh").setActorId("officer-1").setReason(DeclineReason.NO_CAPACITY).setNote(null)
        .build()).build());

    assertThat(router.updatesDlq.readKeyValuesToList()).hasSize(1);
  }

  /** The registry, answering 404 for the schema of one topic's values, and everything else as it should. */
  private RegistryClientFacade refusingSchemasOf(String topic) {
    return (RegistryClientFacade) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RegistryClientFacade.class}, (proxy, method, arguments) -> {
          if (arguments != null && Arrays.stream(arguments).anyMatch(argument -> argument instanceof ArtifactReference
              reference && (topic + "-value").equals(reference.getArtifactId()))) {
            throw new ApiExceptionBuilder().withMessage("HTTP 404").withResponseStatusCode(404).build();
          }
          try {
            return method.invoke(registry, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
