package org.komar.vault.service.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.CaseErasedException;
import org.komar.http.vault.OpenedValue;
import org.komar.http.vault.SealedJson;
import org.komar.vault.KeyVault;
import org.komar.vault.SealingException;
import org.komar.vault.service.store.VaultService;

/**
 * An opening the vault has decided to allow, answered as its API answers every opening: the value (audited before it
 * is returned); 403, audited too, when the value was not sealed for that audience or does not open as that case's
 * field; 410 when the case was erased; 400 when the sealed value cannot be read. One place for every controller.
 */
final class Openings {

  private Openings() {
  }

  static OpenedValue open(VaultService vault, SealedJson sealed, KeyVault.Opening opening) {
    try {
      return new OpenedValue(vault.open(sealed.toSealedValue(), opening));
    } catch (SealingException.AccessRefused | SealingException.NotAuthentic refused) {
      vault.refused(opening, "not sealed for " + opening.audience());
      throw new AccessRefusedException("This value does not open for " + opening.audience());
    } catch (SealingException.CaseErased erased) {
      throw new CaseErasedException();
    } catch (IllegalArgumentException unreadable) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "The sealed value cannot be read");
    }
  }
}
