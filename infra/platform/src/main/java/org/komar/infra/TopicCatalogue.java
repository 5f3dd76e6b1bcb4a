package org.komar.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;

/**
 * Creates the topics of the catalogue ({@link Topics#all()}) that do not exist yet, each with its own partition
 * count if it fixes one, else the configured default. Existing topics are left as they are: their partitions
 * and data belong to whoever runs the cluster.
 */
public final class TopicCatalogue {

  private TopicCatalogue() {
  }

  /** Creates every topic of the catalogue that is missing; returns the names it created. */
  public static Set<String> create(Map<String, Object> clientSettings, int partitions, short replicationFactor) {
    return create(clientSettings, Topics.all(), partitions, replicationFactor);
  }

  public static Set<String> create(Map<String, Object> clientSettings, List<? extends Topic<?, ?>> topics,
      int partitions,
      short replicationFactor) {
    if (partitions < 1 || replicationFactor < 1) {
      throw new InfraException("Topics need at least one partition and one replica; configured: "
          + partitions + " partitions, replication factor " + replicationFactor);
    }
    try (Admin admin = Admin.create(new HashMap<>(clientSettings))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream()
          .filter(topic -> !existing.contains(topic.name()))
          .map(topic -> new NewTopic(topic.name(), topic.partitions().orElse(partitions), replicationFactor)
              .configs(topic.brokerConfig()))
          .toList();
      Set<String> created = new java.util.TreeSet<>();
      for (var result : admin.createTopics(missing).values().entrySet()) {
        try {
          result.getValue().get(30, TimeUnit.SECONDS);
          created.add(result.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new InfraException("Could not create topic " + result.getKey() + ": " + e.getCause().getMessage(),
                e.getCause());
          }
        } catch (TimeoutException e) {
          throw new InfraException("Creating topic " + result.getKey() + " took more than 30 s", e);
        }
      }
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new InfraException("Could not list the topics of the Kafka cluster: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("Interrupted while creating topics", e);
    }
  }
}
