package org.komar.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on the loopback interface: every server of the local platform listens on 127.0.0.1 only. */
public final class Ports {

  public static final String LOOPBACK = "127.0.0.1";

  /**
   * Ports handed out by this JVM: the system may offer a just-released port again at once, and two servers
   * started together (a broker and its controller) must not be given the same one.
   */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Ports() {
  }

  /**
   * Servers' ports are drawn from below the system's ephemeral range, which outgoing connections take their local
   * ports from: a port handed out now and listened on a minute later (the console's, which Keycloak must know
   * first) is then never taken meanwhile by some client's connection, as happened with ports the system offered.
   */
  private static final int LOWEST = 20_000;

  /** A port that is free on 127.0.0.1 right now, and not handed out before by this JVM. */
  public static int free() {
    int below = ephemeralRangeStart();
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = below - LOWEST > 1_000 ? LOWEST + random.nextInt(below - LOWEST) : 0;
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException taken) {
        if (port == 0) {
          throw new InfraException("No free port on " + LOOPBACK, taken);
        }
      }
    }
    throw new InfraException("No free port on " + LOOPBACK + " that this JVM has not already handed out");
  }

  /** The first port of the system's ephemeral range (Linux: ip_local_port_range), or 32768 if it cannot be read. */
  private static int ephemeralRangeStart() {
    try {
      String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
      return Integer.parseInt(range.strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /**
   * The configured port, checked to be free, or a free one when the configuration says 0.
   *
   * @param setting the environment variable that configures it, named in the error
   */
  public static int freeOrConfigured(int configured, String what, String setting) {
    if (configured == 0) {
      return free();
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), configured));
      return configured;
    } catch (IOException e) {
      throw new InfraException(what + " cannot listen on " + LOOPBACK + ":" + configured
          + ": the port is in use. Stop what uses it, or set " + setting + " to another port (0 picks a free one).", e);
    }
  }
}
