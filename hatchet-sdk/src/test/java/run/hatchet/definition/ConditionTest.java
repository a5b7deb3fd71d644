package run.hatchet.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionTest {

  @Test
  void aUserEventConditionKeepsItsScopeAndLookbackStartWhicheverIsSetFirst() {
    Instant since = Instant.parse("2030-01-02T03:04:05Z");
    Condition.UserEvent a = Condition.userEvent("k", "true").scope("s").considerEventsSince(since);
    Condition.UserEvent b = Condition.userEvent("k", "true").considerEventsSince(since).scope("s");
    for (Condition.UserEvent e : new Condition.UserEvent[] {a, b}) {
      assertThat(e.eventKey()).isEqualTo("k");
      assertThat(e.expression()).isEqualTo("true");
      assertThat(e.scope()).isEqualTo("s");
      assertThat(e.considerEventsSince()).isEqualTo(since);
    }
    assertThat(Condition.userEvent("k").considerEventsSince()).isNull();
  }
}
