package org.komar.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.komar.schemas.KafkaPrincipal;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;

/**
 * The Kafka access lists of Komar, made from the topic catalogue and nothing else: a service may write the topics
 * that name it a writer and read those that name it a reader ({@link Topic#writers()}, {@link Topic#readers()}), and
 * use the consumer groups of its namespace; routing, a Kafka Streams application, also owns the internal topics and
 * transactional ids of its namespace ({@link KafkaPrincipal}). Nothing else is allowed, and nobody but the
 * administrator may create topics, alter configurations or access lists, or delete records.
 *
 * <p>{@link #apply} makes a cluster match: it sets every service's SCRAM login, adds the entries that are missing and
 * removes any other entry of Komar's users, so that a right taken out of the catalogue is taken from the cluster too.
 * The same declaration gives Strimzi's {@code KafkaUser} resources ({@link StrimziUsers}).
 */
public final class KafkaAccess {

  private static final String ANY_HOST = "*";

  private KafkaAccess() {
  }

  /** The access list entries of one service. */
  public static List<AclBinding> bindingsOf(KafkaPrincipal principal) {
    List<AclBinding> bindings = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.all()) {
      if (topic.writableBy(principal)) {
        bindings.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE));
      }
      if (topic.readableBy(principal)) {
        bindings.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ));
      }
    }
    bindings.add(allow(principal, ResourceType.GROUP, principal.namespace(), PatternType.PREFIXED, AclOperation.READ));
    if (principal.streamsApplication()) {
      // Its changelog and repartition topics, named <application id>-..., created and cleaned by Streams itself.
      bindings.add(allow(principal, ResourceType.TOPIC, principal.namespace(), PatternType.PREFIXED, AclOperation.ALL));
      // Exactly-once: its producers' transactional ids start with the application id.
      bindings.add(allow(principal, ResourceType.TRANSACTIONAL_ID, principal.namespace(), PatternType.PREFIXED,
          AclOperation.WRITE));
    }
    return List.copyOf(bindings);
  }

  /** Every entry of every service. */
  public static Set<AclBinding> bindings() {
    Set<AclBinding> all = new LinkedHashSet<>();
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      all.addAll(bindingsOf(principal));
    }
    return all;
  }

  /** The principal of a service as the broker names it: {@code User:routing-service}. */
  public static String principalName(KafkaPrincipal principal) {
    return "User:" + principal.username();
  }

  private static AclBinding allow(KafkaPrincipal principal, ResourceType type, String name, PatternType pattern,
      AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principalName(principal), ANY_HOST, operation, AclPermissionType.ALLOW));
  }

  /** What {@link #apply} changed. */
  public record Applied(int logins, int added, int removed) {
  }

  /**
   * Makes the cluster reached with the administrator's {@code adminSettings} match the declaration: every service's
   * login set to its password in {@code logins}, the missing entries added and the other entries of Komar's users
   * removed. Safe to run again.
   */
  public static Applied apply(Map<String, Object> adminSettings, KafkaLogins logins) {
    try (Admin admin = Admin.create(new HashMap<>(adminSettings))) {
      List<UserScramCredentialAlteration> upserts = new ArrayList<>();
      for (KafkaPrincipal principal : KafkaPrincipal.values()) {
        upserts.add(new UserScramCredentialUpsertion(principal.username(),
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, KafkaLogins.SCRAM_ITERATIONS),
            logins.passwordOf(principal)));
      }
      admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);

      Set<String> ours = new HashSet<>();
      for (KafkaPrincipal principal : KafkaPrincipal.values()) {
        ours.add(principalName(principal));
      }
      Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
      Set<AclBinding> wanted = bindings();
      List<AclBinding> missing = wanted.stream().filter(binding -> !existing.contains(binding)).toList();
      List<AclBindingFilter> stale = existing.stream()
          .filter(binding -> ours.contains(binding.entry().principal()) && !wanted.contains(binding))
          .map(AclBinding::toFilter).toList();
      if (!missing.isEmpty()) {
        admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
      }
      if (!stale.isEmpty()) {
        admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
      }
      return new Applied(upserts.size(), missing.size(), stale.size());
    } catch (ExecutionException e) {
      throw new InfraException("Could not set Kafka's logins and access lists: " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new InfraException("Setting Kafka's logins and access lists took more than 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("Interrupted while setting Kafka's logins and access lists", e);
    }
  }
}
