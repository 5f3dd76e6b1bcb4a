package org.komar.intake.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.komar.events.AgeBand;
import org.komar.events.Channel;
import org.komar.events.ConsentGiver;
import org.komar.events.ConsentPurpose;
import org.komar.events.ContactChannel;
import org.komar.events.Gender;
import org.komar.events.HashAlgorithm;
import org.komar.events.IncidentCategory;
import org.komar.events.Language;
import org.komar.events.OnlinePlatform;
import org.komar.events.Province;
import org.komar.events.ReporterMessages;
import org.komar.events.ReporterRelationship;
import org.komar.events.RiskLevel;

/**
 * What a hotline operator records about a report. The first fields are what routing needs and are asked first
 * on a call; the identity, narrative, URLs and contact are sealed before anything is stored.
 */
@Serdeable
public record IntakeRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+") String hotlineId,
    @NotNull Channel channel,
    @NotNull ReporterRelationship reporterRelationship,
    @NotNull @Valid Child child,
    @NotNull @Valid Preferences preferences,
    @NotNull @Size(max = 10) List<@NotNull @Valid Consent> consents,
    @NotEmpty @Size(max = 8) List<@NotNull IncidentCategory> incidentCategories,
    @Nullable @Size(max = 9) List<@NotNull OnlinePlatform> platforms,
    @NotNull RiskLevel riskLevel,
    @Nullable @Size(max = 20_000) String narrative,
    // Links only, http or https: a javascript:, data: or file: "link" would run or open something where an agency
    // clicks it. Komar never takes the media itself.
    @Nullable @Size(max = 50) List<@NotBlank @Size(max = 2_048)
        @Pattern(regexp = "(?i)https?://[^\\s]+", message = "must be an http or https link") String> contentUrls,
    @Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> offenderHandles,
    @Nullable @Size(max = 50) List<@NotNull @Valid MediaHash> mediaHashes,
    @Nullable @Valid ReporterContact reporterContact) {

  /** The child, as far as routing needs it; the identity is sealed. */
  @Serdeable
  public record Child(
      @NotNull AgeBand ageBand,
      @NotNull Gender gender,
      @NotNull Province province,
      @NotNull Language language,
      @Nullable @Valid Identity identity) {
  }

  /** Identifying details of the child: sealed for police, counsellors and social workers only. */
  @Serdeable
  public record Identity(
      @Nullable @Size(max = 200) String name,
      @Nullable @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}") String dateOfBirth,
      @Nullable @Size(max = 40) String phone,
      @Nullable @Size(max = 500) String address,
      @Nullable @Size(max = 200) String school) {
  }

  /**
   * What the child or reporter asked for. {@code reporterMessages}: what an SMS or email to the reporter may say;
   * left out, it is {@link ReporterMessages#DISCREET}, no word of a report on a phone others may read.
   */
  @Serdeable
  public record Preferences(
      @NotNull @Serdeable.Deserializable(using = StrictBoolean.class) Boolean femaleOfficer,
      @NotNull ContactChannel contactChannel,
      @NotNull Language language,
      @Nullable ReporterMessages reporterMessages) {

    /** The reporter's choice of words, discreet unless they chose their reference. */
    public ReporterMessages messagesToReporter() {
      return reporterMessages == null ? ReporterMessages.DISCREET : reporterMessages;
    }
  }

  @Serdeable
  public record Consent(
      @NotNull ConsentPurpose purpose,
      @NotNull @Serdeable.Deserializable(using = StrictBoolean.class) Boolean granted,
      @NotNull ConsentGiver givenBy) {
  }

  @Serdeable
  public record MediaHash(@NotNull HashAlgorithm algorithm,
      @NotBlank @Size(max = 512) @Pattern(regexp = "[A-Za-z0-9+/=:_-]+") String value) {
  }

  /** How to reach the reporter: sealed for the hotline and the notification service only. */
  @Serdeable
  public record ReporterContact(@Nullable @Size(max = 40) String phone,
      @Nullable @Size(max = 200) String messagingHandle) {
  }
}
