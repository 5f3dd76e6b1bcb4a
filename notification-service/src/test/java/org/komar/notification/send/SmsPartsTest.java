package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SMS parts: GSM-7 where it fits, UCS-2 for Khmer, and never a part that starts inside a Khmer character. */
class SmsPartsTest {

  private static final String KHMER = "របាយការណ៍របស់អ្នកត្រូវបានទទួលហើយ។ អ្នកប្រឹក្សានឹងទាក់ទងអ្នក។ "
      + "ប្រសិនបើអ្នកត្រូវការជំនួយឥឡូវនេះ សូមហៅលេខ 1280។ ";

  @Test
  void shouldSendShortLatinTextAsOneGsm7Part() {
    SmsParts.Split split = SmsParts.split("Your report AB-1234 was received. Call 1280.");
    assertThat(split.encoding()).isEqualTo(SmsParts.Encoding.GSM7);
    assertThat(split.parts()).hasSize(1);
  }

  @Test
  void shouldSplitLongLatinTextIntoPartsOf153() {
    SmsParts.Split split = SmsParts.split("a".repeat(161));
    assertThat(split.parts()).extracting(String::length).containsExactly(153, 8);
  }

  @Test
  void shouldSplitKhmerIntoUcs2PartsAtCharacterBoundaries() {
    String text = KHMER.repeat(3);

    SmsParts.Split split = SmsParts.split(text);

    assertThat(split.encoding()).isEqualTo(SmsParts.Encoding.UCS2);
    assertThat(split.parts()).hasSizeGreaterThan(2);
    assertThat(String.join("", split.parts())).isEqualTo(text);
    for (String part : split.parts()) {
      assertThat(part.length()).isLessThanOrEqualTo(67);
      int first = part.codePointAt(0);
      assertThat(Character.getType(first)).as("part starts with a combining sign: " + part)
          .isNotIn((int) Character.NON_SPACING_MARK, (int) Character.COMBINING_SPACING_MARK);
      assertThat(part.charAt(part.length() - 1)).as("part ends after a subscript mark").isNotEqualTo('\u17D2');
    }
  }

  @Test
  void shouldKeepAShortKhmerMessageInOnePart() {
    assertThat(SmsParts.split("ទទួលបានហើយ").parts()).hasSize(1);
  }
}
