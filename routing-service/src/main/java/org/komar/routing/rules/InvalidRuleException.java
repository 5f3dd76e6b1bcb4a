package org.komar.routing.rules;

/** A routing rule cannot be used as written; the message names the rule and what is wrong with it. */
public final class InvalidRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidRuleException(String rule, String problem) {
    super("Routing " + rule + " " + problem);
  }
}
