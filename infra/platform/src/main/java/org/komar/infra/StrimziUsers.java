package org.komar.infra;

import java.util.Locale;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourcePattern;
import org.komar.schemas.KafkaPrincipal;

/**
 * Komar's access lists ({@link KafkaAccess}) as Strimzi {@code KafkaUser} resources, for Kubernetes: one per service,
 * SCRAM-SHA-512, whose Secret (named as the user, with {@code sasl.jaas.config}) the User Operator creates and the
 * service's Deployment reads. {@code infra/k8s/kafka-users.yaml} is this, written out: never edited by hand.
 */
public final class StrimziUsers {

  private StrimziUsers() {
  }

  /** Every service's {@code KafkaUser} of the Strimzi cluster {@code cluster}, as one YAML file. */
  public static String yaml(String cluster) {
    StringBuilder yaml = new StringBuilder("""
        # Komar's Kafka users and their access lists, written by StrimziUsers from the topic catalogue (Topics,
        # KafkaPrincipal): do not edit. When the catalogue changes, StrimziUsersFileTest fails and leaves the new file
        # in infra/platform/target/kafka-users.yaml to copy here. The User Operator creates each user's Secret (named
        # as the user, key sasl.jaas.config), which the service's Deployment reads.
        """);
    // The administrator: a super user of the cluster (kafka.yaml), so no access list; provisioning logs in as it.
    yaml.append("---\n")
        .append("apiVersion: kafka.strimzi.io/v1beta2\n")
        .append("kind: KafkaUser\n")
        .append("metadata:\n")
        .append("  name: ").append(KafkaLogins.ADMIN).append('\n')
        .append("  labels:\n")
        .append("    strimzi.io/cluster: ").append(cluster).append('\n')
        .append("spec:\n")
        .append("  authentication:\n")
        .append("    type: scram-sha-512\n");
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      yaml.append("---\n")
          .append("apiVersion: kafka.strimzi.io/v1beta2\n")
          .append("kind: KafkaUser\n")
          .append("metadata:\n")
          .append("  name: ").append(principal.username()).append('\n')
          .append("  labels:\n")
          .append("    strimzi.io/cluster: ").append(cluster).append('\n')
          .append("spec:\n")
          .append("  authentication:\n")
          .append("    type: scram-sha-512\n")
          .append("  authorization:\n")
          .append("    type: simple\n")
          .append("    acls:\n");
      for (AclBinding binding : KafkaAccess.bindingsOf(principal)) {
        ResourcePattern pattern = binding.pattern();
        yaml.append("      - resource:\n")
            .append("          type: ").append(resourceType(pattern)).append('\n')
            .append("          name: ").append(pattern.name()).append('\n')
            .append("          patternType: ").append(pattern.patternType().name().toLowerCase(Locale.ROOT)).append('\n')
            .append("        operations:\n")
            .append("          - ").append(operation(binding.entry().operation())).append('\n')
            .append("        host: \"").append(binding.entry().host()).append("\"\n");
      }
    }
    return yaml.toString();
  }

  private static String resourceType(ResourcePattern pattern) {
    return switch (pattern.resourceType()) {
      case TOPIC -> "topic";
      case GROUP -> "group";
      case TRANSACTIONAL_ID -> "transactionalId";
      case CLUSTER -> "cluster";
      default -> throw new IllegalArgumentException("No Strimzi resource type for " + pattern.resourceType());
    };
  }

  /** Strimzi's spelling of an operation: {@code Read}, {@code Write}, {@code All}. */
  private static String operation(AclOperation operation) {
    String name = operation.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
