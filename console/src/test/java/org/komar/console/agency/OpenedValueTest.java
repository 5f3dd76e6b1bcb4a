package org.komar.console.agency;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An opened value is shown by what its field holds, never by guessing from its first character. */
class OpenedValueTest {

  private final ObjectMapper json = ObjectMapper.getDefault();

  @Test
  void shouldShowTheIdentitysKnownPartsInOrderAndANarrativeAsWrittenEvenWhenItLooksLikeJson() {
    OpenedValue identity = OpenedValue.of("childIdentity",
        "{\"school\": \"សាលាបូព៌\", \"name\": \"សុខា\", \"phone\": \"\", \"nickname\": \"x\"}", json);
    OpenedValue narrative = OpenedValue.of("narrative", "[1] She said he asked for photos.", json);
    OpenedValue urls = OpenedValue.of("contentUrls", "[\"https://example.org/a\"]", json);

    assertThat(identity.parts()).containsExactly(Map.entry("name", "សុខា"), Map.entry("school", "សាលាបូព៌"));
    assertThat(narrative.text()).isEqualTo("[1] She said he asked for photos.");
    assertThat(urls.items()).containsExactly("https://example.org/a");
    assertThat(identity.empty() || narrative.empty() || urls.empty()).isFalse();
  }

  @Test
  void shouldSayNothingWasRecordedForAnEmptyIdentityOrNarrative() {
    assertThat(OpenedValue.of("childIdentity", "{}", json).empty()).isTrue();
    assertThat(OpenedValue.of("narrative", "", json).empty()).isTrue();
  }
}
