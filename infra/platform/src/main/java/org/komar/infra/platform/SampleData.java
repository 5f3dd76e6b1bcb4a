package org.komar.infra.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.komar.events.AgencyUnit;
import org.komar.events.Language;
import org.komar.events.OnlinePlatform;
import org.komar.events.Province;
import org.komar.events.Service;
import org.komar.infra.InfraException;
import org.komar.infra.identity.KomarRealm;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Sample data for the local platform: a realistic agency directory (police juvenile protection units,
 * psychosocial NGOs, provincial social affairs departments, platform take-down desks; some units with female
 * officers available, some without) with invented contacts. Seeded only into a local broker, and only while the
 * directory topic is empty, so that units changed later are never overwritten.
 */
public final class SampleData {

  private static final String DIRECTORY = "/org/komar/infra/sample/agency-units.json";
  private static final String ACCOUNTS = "/org/komar/infra/sample/accounts.json";
  /** Who set the sample directory's units, as each unit records it. */
  public static final String SAMPLE_DATA = "komar-sample-data";

  private SampleData() {
  }

  /** Seeds the directory if {@code agency-units} is empty; returns how many units it wrote. */
  static int seedAgencyDirectory(Map<String, Object> clientSettings, String registryUrl) {
    if (!isEmpty(clientSettings, Topics.AGENCY_UNITS.name())) {
      return 0;
    }
    return writeDirectory(clientSettings, registryUrl, UnaryOperator.identity());
  }

  /**
   * Writes the sample directory, each unit changed by {@code adjust} first (a test's webhooks, room for a load
   * test's cases), whatever the topic holds; returns how many units it wrote.
   */
  public static int writeDirectory(Map<String, Object> clientSettings, String registryUrl,
      UnaryOperator<AgencyUnit> adjust) {
    List<AgencyUnit> units = directory().stream().map(adjust).toList();
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put("acks", "all");
    settings.put("enable.idempotence", true);
    KomarSerdes serdes = new KomarSerdes(registryUrl, "/komar/platform");
    try (Serde<AgencyUnit> values = serdes.valueSerde(Topics.AGENCY_UNITS);
        var producer = new KafkaProducer<>(settings, serdes.keySerde(Topics.AGENCY_UNITS).serializer(),
            values.serializer())) {
      for (AgencyUnit unit : units) {
        producer.send(new ProducerRecord<>(Topics.AGENCY_UNITS.name(), unit.getUnitId(), unit));
      }
      producer.flush();
    }
    return units.size();
  }

  /**
   * Room for every case a test or a benchmark makes: a full unit is passed over, and with every unit full a case
   * waits for a supervisor instead of being referred.
   */
  public static UnaryOperator<AgencyUnit> withCapacityTimes(int factor) {
    return unit -> AgencyUnit.newBuilder(unit).setCapacity(unit.getCapacity() * factor).build();
  }

  /** The sample directory, as the platform seeds it; tests route against the same units. */
  public static List<AgencyUnit> directory() {
    JsonNode root = read(DIRECTORY);
    List<AgencyUnit> units = new ArrayList<>();
    for (JsonNode unit : root.get("units")) {
      units.add(AgencyUnit.newBuilder()
          .setUnitId(unit.get("unitId").asText())
          .setName(unit.get("name").asText())
          .setService(Service.valueOf(unit.get("service").asText()))
          .setProvinces(names(unit.get("provinces")).stream().map(Province::valueOf).toList())
          .setLanguages(names(unit.get("languages")).stream().map(Language::valueOf).toList())
          .setPlatforms(unit.has("platforms")
              ? names(unit.get("platforms")).stream().map(OnlinePlatform::valueOf).toList() : List.of())
          .setFemaleOfficersAvailable(unit.get("femaleOfficersAvailable").asInt())
          .setCapacity(unit.get("capacity").asInt())
          .setActive(unit.get("active").asBoolean())
          .setSupervisorUnitId(text(unit, "supervisorUnitId"))
          .setWebhookUrl(text(unit, "webhookUrl"))
          .setSmsNumber(text(unit, "smsNumber"))
          .setEmail(text(unit, "email"))
          .setChangedBy(SAMPLE_DATA)
          .build());
    }
    return units;
  }

  private static JsonNode read(String resource) {
    try (InputStream in = SampleData.class.getResourceAsStream(resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the sample data " + resource, e);
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(node -> names.add(node.asText()));
    return names;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static boolean isEmpty(Map<String, Object> clientSettings, String topic) {
    try (var consumer = new KafkaConsumer<>(clientSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().allMatch(end -> end == 0);
    } catch (RuntimeException e) {
      throw new InfraException("Could not look at " + topic + " before seeding it: " + e.getMessage(), e);
    }
  }

  /**
   * The local platform's sample people, one per kind of work, each with their unit or hotline; they sign in to
   * the local realm with passwords the platform generates. (The console's own {@code accounts.json} is the same
   * list, until the console signs people in through Keycloak.)
   */
  public static List<KomarRealm.Account> accounts() {
    List<KomarRealm.Account> accounts = new ArrayList<>();
    for (JsonNode account : read(ACCOUNTS)) {
      Set<String> roles = new TreeSet<>();
      account.path("roles").forEach(role -> roles.add(role.asText()));
      accounts.add(new KomarRealm.Account(account.path("username").asText(), account.path("name").asText(), roles,
          Optional.ofNullable(account.path("unit").textValue()),
          Optional.ofNullable(account.path("hotline").textValue())));
    }
    return accounts;
  }
}
