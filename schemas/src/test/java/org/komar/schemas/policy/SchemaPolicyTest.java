package org.komar.schemas.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komar.events.Audience;
import org.komar.events.SealedValue;

class SchemaPolicyTest {

  private static final Path SOURCES = Path.of("src/main/avro");

  /** Parses a deliberately bad schema against Komar's real SealedValue and Audience types. */
  private static Schema parse(String json) {
    return new Schema.Parser().addTypes(List.of(SealedValue.getClassSchema(), Audience.getClassSchema()))
        .parse(json);
  }

  @Test
  void shouldPassEveryKomarSchema() {
    Map<String, Schema> schemas = SchemaFiles.parseAll(SOURCES);

    assertThat(schemas).containsKeys("org.komar.events.IntakeReceived", "org.komar.events.ReferralUpdate");
    assertThat(SchemaPolicyCheck.check(schemas, Path.of("released"))).isEmpty();
  }

  @Test
  void shouldNameTheSchemaAndFieldThatHasNoClassification() {
    Schema bad = parse("""
        {"type": "record", "name": "Bad", "namespace": "org.komar.test", "fields": [
          {"name": "caseId", "type": "string", "classification": "INTERNAL"},
          {"name": "nickname", "type": "string"}]}""");

    assertThat(SchemaPolicy.check(bad)).extracting(Violation::toString)
        .containsExactly("Bad.nickname: no \"classification\" (PUBLIC, INTERNAL, SENSITIVE or IDENTIFYING)");
  }

  @Test
  void shouldRefuseASensitiveFieldThatIsNotSealed() {
    Schema bad = parse("""
        {"type": "record", "name": "Bad", "namespace": "org.komar.test", "fields": [
          {"name": "narrative", "type": "string", "classification": "SENSITIVE", "audiences": ["POLICE"]}]}""");

    assertThat(SchemaPolicy.check(bad)).extracting(Violation::field, Violation::schema)
        .contains(org.assertj.core.groups.Tuple.tuple("narrative", "Bad"));
    assertThat(SchemaPolicy.check(bad).getFirst().problem()).startsWith("SENSITIVE field is not sealed");
  }

  @Test
  void shouldRefuseAnIdentifyingFieldHiddenInANestedRecord() {
    Schema bad = parse("""
        {"type": "record", "name": "Bad", "namespace": "org.komar.test", "fields": [
          {"name": "child", "classification": "INTERNAL", "type": {"type": "record", "name": "Child", "fields": [
            {"name": "phone", "type": ["null", "string"], "classification": "IDENTIFYING"}]}}]}""");

    assertThat(SchemaPolicy.check(bad)).extracting(Violation::toString)
        .singleElement().asString().startsWith("Bad.child.phone: IDENTIFYING field is not sealed");
  }

  @Test
  void shouldRefuseAnUnknownAudience() {
    Schema bad = parse("""
        {"type": "record", "name": "Bad", "namespace": "org.komar.test", "fields": [
          {"name": "narrative", "type": "org.komar.events.SealedValue", "classification": "SENSITIVE",
           "audiences": ["POLICE", "JOURNALIST"]}]}""");

    assertThat(SchemaPolicy.check(bad)).extracting(Violation::toString)
        .singleElement().asString().startsWith("Bad.narrative: unknown audience \"JOURNALIST\"");
  }

  @Test
  void shouldRefuseASealedFieldWithoutAudiences() {
    Schema bad = parse("""
        {"type": "record", "name": "Bad", "namespace": "org.komar.test", "fields": [
          {"name": "narrative", "type": ["null", "org.komar.events.SealedValue"], "default": null,
           "classification": "SENSITIVE"}]}""");

    assertThat(SchemaPolicy.check(bad)).extracting(Violation::toString)
        .containsExactly("Bad.narrative: sealed field lists no \"audiences\"");
  }

  @Test
  void shouldRefuseAnUndocumentedEnumSymbol() {
    Schema bad = parse("""
        {"type": "record", "name": "Bad", "namespace": "org.komar.test", "fields": [
          {"name": "risk", "classification": "INTERNAL", "type": {"type": "enum", "name": "Risk",
           "symbols": ["HIGH", "LOW"], "symbolDocs": {"HIGH": "Serious harm likely."}}}]}""");

    assertThat(SchemaPolicy.check(bad)).extracting(Violation::toString)
        .containsExactly("Bad.risk: enum Risk does not document its symbol LOW (\"symbolDocs\")");
  }

  @Test
  void shouldRefuseAClassificationLoweredSinceTheReleasedVersion(@TempDir Path released) throws Exception {
    Schema v1 = parse("""
        {"type": "record", "name": "Note", "namespace": "org.komar.test", "fields": [
          {"name": "author", "type": "org.komar.events.SealedValue", "classification": "IDENTIFYING",
           "audiences": ["POLICE"]}]}""");
    Files.writeString(released.resolve("Note.v1.avsc"), v1.toString());
    Schema v2 = parse("""
        {"type": "record", "name": "Note", "namespace": "org.komar.test", "fields": [
          {"name": "author", "type": "org.komar.events.SealedValue", "classification": "SENSITIVE",
           "audiences": ["POLICE"]}]}""");

    Optional<Schema> previous = SchemaFiles.latestReleased(released, "Note");
    assertThat(SchemaPolicy.check(v2, previous)).extracting(Violation::toString)
        .containsExactly("Note.author: classification lowered from IDENTIFYING (released) to SENSITIVE");
    assertThat(SchemaPolicy.check(v1, previous)).isEmpty();
  }

  @Test
  void shouldFailTheBuildWithEveryViolationListed(@TempDir Path sources) throws Exception {
    Path events = Files.createDirectories(sources.resolve("events"));
    Files.writeString(events.resolve("Bad.avsc"), """
        {"type": "record", "name": "Bad", "namespace": "org.komar.test", "fields": [
          {"name": "name", "type": "string", "classification": "IDENTIFYING"},
          {"name": "age", "type": "int"}]}""");

    assertThatThrownBy(() -> SchemaPolicyCheck.main(new String[] {"check", sources.toString(),
        sources.resolve("released").toString()}))
        .isInstanceOf(SchemaPolicyCheck.SchemaPolicyException.class)
        .hasMessageContaining("Bad.name: IDENTIFYING field is not sealed")
        .hasMessageContaining("Bad.age: no \"classification\"");
  }

  @Test
  void shouldReleaseOnlySchemasThatChanged(@TempDir Path released) throws Exception {
    Map<String, Schema> schemas = SchemaFiles.parseAll(SOURCES);

    List<Path> first = SchemaPolicyCheck.release(schemas, released);
    List<Path> second = SchemaPolicyCheck.release(schemas, released);

    assertThat(first).contains(released.resolve("IntakeReceived.v1.avsc"));
    assertThat(second).isEmpty();
    assertThat(SchemaFiles.latestReleased(released, "IntakeReceived")).contains(
        schemas.get("org.komar.events.IntakeReceived"));
  }
}
