package org.komar.infra;

import org.komar.infra.test.InProcessKafka;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.TestStack;

@ExtendWith(KomarStackExtension.class)
class InProcessKafkaTest {

  @Test
  void shouldSupportExactlyOnceStreamsOnTheTestBroker(TestStack stack, @TempDir Path stateDir) throws Exception {
    ExactlyOnce.assertRoundTrip(stack.kafka().clientSettings(), stateDir);
  }
}
