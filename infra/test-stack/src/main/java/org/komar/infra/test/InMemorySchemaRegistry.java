package org.komar.infra.test;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;

/**
 * A schema registry in memory, for tests that run a topology without a broker or a registry: Apicurio's own
 * serdes (the same resolver, the same Confluent wire format, content ids in the 4 bytes) reach it in place of the
 * HTTP client. As the real one with Komar's settings, it finds a schema only under its topic's subject and only
 * if that exact text was registered: a serializer whose schema was never registered fails here as in production.
 */
public final class InMemorySchemaRegistry implements RegistryClientFacade {

  private static final String GROUP = "default";

  private record Version(long globalId, long contentId, String subject, int number, String content) {
  }

  private final Map<String, Long> contentIds = new HashMap<>();
  private final Map<Long, String> contents = new HashMap<>();
  private final List<Version> versions = new ArrayList<>();

  /** A registry holding every event topic's value schema, as the test stack and a deployment register them. */
  public static InMemorySchemaRegistry withEventSchemas() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    for (Topic<String, ?> topic : Topics.events()) {
      registry.register(topic.valueSubject(), topic.valueSchema().orElseThrow());
    }
    return registry;
  }

  /** Registers the schema under the subject (or finds it there); returns its content id, the id on the wire. */
  public synchronized int register(String subject, Schema schema) {
    String content = schema.toString();
    long contentId = contentIds.computeIfAbsent(content, text -> {
      long id = contentIds.size() + 1L;
      contents.put(id, text);
      return id;
    });
    boolean known = versions.stream().anyMatch(v -> v.subject().equals(subject) && v.contentId() == contentId);
    if (!known) {
      int number = (int) versions.stream().filter(v -> v.subject().equals(subject)).count() + 1;
      versions.add(new Version(versions.size() + 1L, contentId, subject, number, content));
    }
    return Math.toIntExact(contentId);
  }

  // What the serializer asks (auto-register off, no version, find-latest off): the versions of the subject
  // with this text, newest first, as the registry's POST /search/versions answers.
  @Override
  public synchronized List<RegistryVersionCoordinates> searchVersionsByContent(String content, String artifactType,
      ArtifactReference reference, boolean canonical) {
    String group = reference.getGroupId() == null ? GROUP : reference.getGroupId();
    return versions.reversed().stream()
        .filter(v -> GROUP.equals(group) && v.subject().equals(reference.getArtifactId()) && v.content().equals(content))
        .map(InMemorySchemaRegistry::coordinates).toList();
  }

  // What the deserializer asks: the schema of the content id it read after the magic byte.
  @Override
  public synchronized String getSchemaByContentId(Long contentId) {
    String content = contents.get(contentId);
    if (content == null) {
      throw new IllegalStateException("No schema with content id " + contentId);
    }
    return content;
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
    return List.of(); // Komar registers its schemas whole, without references
  }

  // The rest, for completeness (globalId option, find-latest, explicit versions); never reached with Komar's settings.
  @Override
  public synchronized String getSchemaByGlobalId(long globalId, boolean dereferenced) {
    return version(globalId).content();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
    return List.of();
  }

  @Override
  public synchronized String getSchemaByGAV(String groupId, String artifactId, String version) {
    return getSchemaByGlobalId(getVersionCoordinatesByGAV(groupId, artifactId, version).getGlobalId(), true);
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
    return List.of();
  }

  @Override
  public synchronized RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId,
      String version) {
    List<Version> ofSubject = versions.stream().filter(v -> v.subject().equals(artifactId)).toList();
    if (ofSubject.isEmpty()) {
      throw new IllegalStateException("No subject " + artifactId);
    }
    if (version == null || "latest".equals(version) || "branch=latest".equals(version)) {
      return coordinates(ofSubject.getLast());
    }
    return coordinates(ofSubject.get(Integer.parseInt(version) - 1));
  }

  @Override
  public String getSchemaByContentHash(String contentHash) {
    throw new UnsupportedOperationException("Komar's serdes do not use content hashes");
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
    throw new UnsupportedOperationException("Komar's serdes do not use content hashes");
  }

  @Override
  public RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId,
      String version, String ifExists, boolean canonical, String content, Set<RegistryArtifactReference> references) {
    throw new UnsupportedOperationException("Komar's serdes never auto-register; register " + artifactId + " first");
  }

  @Override
  public Object getClient() {
    return null;
  }

  private Version version(long globalId) {
    return versions.stream().filter(v -> v.globalId() == globalId).findFirst()
        .orElseThrow(() -> new IllegalStateException("No schema with global id " + globalId));
  }

  private static RegistryVersionCoordinates coordinates(Version v) {
    return RegistryVersionCoordinates.create(v.globalId(), v.contentId(), GROUP, v.subject(),
        String.valueOf(v.number()));
  }
}
