package run.hatchet.definition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A condition for {@code waitFor}, {@code skipIf} and {@code cancelIf} on DAG tasks (and durable waits).
 * Conditions given separately must all hold; {@link #or} makes one of several enough.
 */
public abstract class Condition {
  Condition() {}

  /** Satisfied once {@code duration} has passed. */
  public static Condition sleep(Duration duration) {
    return new Sleep(duration);
  }

  /** Satisfied by an event with this key (namespaced by the client) matching the optional CEL filter. */
  public static UserEvent userEvent(String eventKey, String celExpression) {
    return new UserEvent(eventKey, celExpression, null, null);
  }

  /** Satisfied by an event with this key. */
  public static UserEvent userEvent(String eventKey) {
    return new UserEvent(eventKey, null, null, null);
  }

  /** Satisfied when the parent's output matches the CEL expression over {@code output}. */
  public static Condition parentOutput(TaskRef<?> parent, String celExpression) {
    return new ParentOutput(parent.name(), celExpression);
  }

  /** Satisfied when any one of the conditions is. */
  public static Condition or(Condition... conditions) {
    return new Or(List.of(conditions));
  }

  /** A sleep condition. */
  public static final class Sleep extends Condition {
    private final Duration duration;

    Sleep(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration");
    }

    public Duration duration() {
      return duration;
    }
  }

  /** A user-event condition. */
  public static final class UserEvent extends Condition {
    private final String eventKey;
    private final String expression;
    private final String scope;
    private final Instant considerEventsSince;

    UserEvent(String eventKey, String expression, String scope, Instant considerEventsSince) {
      this.eventKey = Objects.requireNonNull(eventKey, "eventKey");
      this.expression = expression;
      this.scope = scope;
      this.considerEventsSince = considerEventsSince;
    }

    /** The same condition limited to events pushed with this scope. */
    public UserEvent scope(String scope) {
      return new UserEvent(eventKey, expression, scope, considerEventsSince);
    }

    /**
     * The same condition, in a durable wait also satisfied by a matching event pushed with the
     * condition's {@link #scope} since {@code since} (before the wait began). Take {@code since} from
     * {@code DurableContext.now()} so that a replay sends the same instant. DAG task conditions do not
     * use it.
     */
    public UserEvent considerEventsSince(Instant since) {
      return new UserEvent(eventKey, expression, scope, since);
    }

    public String eventKey() {
      return eventKey;
    }

    public String expression() {
      return expression;
    }

    public String scope() {
      return scope;
    }

    /** The earliest push time of an event that may satisfy a durable wait, or null for none before it. */
    public Instant considerEventsSince() {
      return considerEventsSince;
    }
  }

  /** A parent-output condition. */
  public static final class ParentOutput extends Condition {
    private final String parentName;
    private final String expression;

    ParentOutput(String parentName, String expression) {
      this.parentName = parentName;
      this.expression = Objects.requireNonNull(expression, "expression");
    }

    public String parentName() {
      return parentName;
    }

    public String expression() {
      return expression;
    }
  }

  /** An or-group. */
  public static final class Or extends Condition {
    private final List<Condition> conditions;

    Or(List<Condition> conditions) {
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("or() needs at least one condition");
      }
      for (Condition c : conditions) {
        if (c instanceof Or) {
          throw new IllegalArgumentException("or() groups cannot be nested");
        }
      }
      this.conditions = conditions;
    }

    public List<Condition> conditions() {
      return conditions;
    }
  }
}
