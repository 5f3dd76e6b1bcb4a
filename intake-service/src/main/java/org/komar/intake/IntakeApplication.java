package org.komar.intake;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Hotlines create intake events; stored in PostgreSQL and published through a transactional outbox. */
@OpenAPIDefinition(info = @Info(title = "Komar intake-service", version = "1",
    description = "Hotlines record reports of online child sexual exploitation; identity is sealed before it is"
        + " stored. Reporters check the status of their report with its reference and PIN."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class IntakeApplication {

  private IntakeApplication() {
  }

  public static void main(String[] args) {
    Micronaut.run(IntakeApplication.class, args);
  }
}
