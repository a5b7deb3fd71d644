package run.hatchet.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Filters and order for listing cron triggers. Mutable builder. */
public final class CronQuery {
  /** Sort field. */
  public enum OrderBy {
    /** The workflow's name (the engine does not sort by cron name). */
    NAME("name"),
    /** When the cron was created. */
    CREATED_AT("createdAt");

    final String wire;

    OrderBy(String wire) {
      this.wire = wire;
    }
  }

  String workflowId;
  String workflowName;
  String cronName;
  final Map<String, String> metadata = new LinkedHashMap<>();
  OrderBy orderBy;
  SortDirection direction;

  private CronQuery() {}

  /** All cron triggers. */
  public static CronQuery create() {
    return new CronQuery();
  }

  /** Only crons of this workflow (by id). */
  public CronQuery workflowId(String id) {
    this.workflowId = id;
    return this;
  }

  /** Only crons of this workflow (exact name; namespace applied). */
  public CronQuery workflowName(String name) {
    this.workflowName = name;
    return this;
  }

  /** Only the cron with this name. */
  public CronQuery cronName(String name) {
    this.cronName = name;
    return this;
  }

  /** Only crons whose run metadata has {@code key} = {@code value}. */
  public CronQuery metadata(String key, String value) {
    metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Sort order. */
  public CronQuery orderBy(OrderBy field, SortDirection direction) {
    this.orderBy = field;
    this.direction = direction;
    return this;
  }
}
