package org.komar.vault.service;

import io.micronaut.runtime.Micronaut;

/**
 * Key custody, in a process of its own: the only one that holds the key-encryption key and the cases' data keys,
 * and so the only one that can open a sealed value. It decides every opening for itself (whose token asks, which
 * unit or hotline holds the case, by its own records) and audits each one, and each refusal, before it answers.
 */
public final class VaultApplication {

  private VaultApplication() {
  }

  public static void main(String[] args) {
    Micronaut.run(VaultApplication.class, args);
  }
}
