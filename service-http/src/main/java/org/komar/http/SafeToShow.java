package org.komar.http;

/**
 * Marks an exception whose message is Komar's own and names no submitted content, so problem details may show it
 * to the caller. Every other message (a framework's may quote the input) is replaced by a fixed one.
 */
public interface SafeToShow {
}
