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

  /** A port that is free on 127.0.0.1 right now, and not handed out before by this JVM. */
  public static int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new InfraException("No free port on " + LOOPBACK, e);
      }
    }
    throw new InfraException("No free port on " + LOOPBACK + " that this JVM has not already handed out");
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
