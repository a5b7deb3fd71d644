package run.hatchet.it.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetApiException;
import run.hatchet.definition.Task;
import run.hatchet.features.BulkResult;
import run.hatchet.features.CronQuery;
import run.hatchet.features.CronTrigger;
import run.hatchet.features.Page;
import run.hatchet.features.RunDetails;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.ScheduledQuery;
import run.hatchet.features.ScheduledRun;
import run.hatchet.features.SortDirection;
import run.hatchet.it.Engine;
import run.hatchet.worker.Worker;

/** hatchet.crons() and hatchet.scheduled() against the engine. */
class CronsScheduledIT {
  record Job(String label) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Job, Job> target;
  /** workflow run id to the input label the task saw. */
  static final Map<String, String> seen = new ConcurrentHashMap<>();
  static final String suite = UUID.randomUUID().toString().substring(0, 8);
  static Instant since;

  @BeforeAll
  static void start() {
    since = Instant.now().minusSeconds(60);
    hatchet = Engine.client(CronsScheduledIT.class);
    target = hatchet.task("target", Job.class, Job.class, (in, ctx) -> {
      seen.put(ctx.workflowRunId(), in.label());
      return in;
    });
    worker = hatchet.worker("crons-worker").slots(5).register(target).start();
    Poll.until("workflow registered", Duration.ofSeconds(30), () -> hatchet.workflows().findByName("target"),
        java.util.Optional::isPresent);
  }

  @AfterAll
  static void stop() {
    if (hatchet != null) {
      hatchet.crons().listAll(CronQuery.create().workflowName("target")).forEach(c -> hatchet.crons().delete(c.id()));
      hatchet.scheduled().bulkDelete(ScheduledQuery.create().metadata("suite", suite));
    }
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(5));
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  static List<String> runsOfCron(String cronName) {
    return hatchet.runs().listIds(RunFilter.create().since(since).metadata("hatchet__cron_name", cronName));
  }

  /** Acceptance 4: a disabled cron does not fire (an enabled one does); trigger-now runs it once at once. */
  @Test
  void disabledCronDoesNotFireAndTriggerNowRunsItOnce() {
    // keep creation away from a minute boundary so that both crons are known to the ticker before it fires
    Instant now = Instant.now();
    Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    if (Duration.between(now, nextMinute).getSeconds() < 10) {
      Engine.sleep(Duration.between(now, nextMinute).toMillis() + 1_000);
    }
    String disabledName = "off-" + suite;
    String controlName = "on-" + suite;
    CronTrigger off = hatchet.crons().create("target", disabledName, "* * * * *", new Job("from-cron"),
        Map.of("suite", suite), 2);
    CronTrigger on = hatchet.crons().create("target", controlName, "* * * * *", new Job("control"),
        Map.of("suite", suite), null);
    hatchet.crons().disable(off.id());
    Instant created = Instant.now();

    CronTrigger read = hatchet.crons().get(off.id());
    assertThat(read.enabled()).isFalse();
    assertThat(read.name()).isEqualTo(disabledName);
    assertThat(read.expression()).isEqualTo("* * * * *");
    assertThat(read.workflowName()).isEqualTo(hatchet.config().applyNamespace("target"));
    assertThat(read.input().path("label").asText()).isEqualTo("from-cron");
    assertThat(read.additionalMetadata()).containsEntry("suite", suite);
    assertThat(read.priority()).isEqualTo(2);
    assertThat(read.method()).isEqualTo("API");
    assertThat(hatchet.crons().get(on.id()).enabled()).isTrue();

    // the control cron fires at the next minute; the disabled one must not
    Poll.until("the enabled cron fired", Duration.ofSeconds(90), () -> runsOfCron(controlName), l -> !l.isEmpty());
    assertThat(Instant.now()).isAfter(created.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    Engine.sleep(2_000);
    assertThat(runsOfCron(disabledName)).isEmpty();
    hatchet.crons().disable(on.id());

    String runId = hatchet.crons().triggerNow(off.id());
    RunDetails d = Poll.until("triggered run completed", Duration.ofSeconds(30), () -> hatchet.runs().get(runId),
        r -> r.status() == RunStatus.COMPLETED);
    assertThat(d.input().path("label").asText()).isEqualTo("from-cron");
    assertThat(d.additionalMetadata()).containsEntry("suite", suite).containsEntry("hatchet__cron_name", disabledName);
    assertThat(seen.get(runId)).isEqualTo("from-cron");
    Engine.sleep(1_000);
    assertThat(runsOfCron(disabledName)).containsExactly(runId);

    hatchet.crons().enable(off.id());
    assertThat(hatchet.crons().get(off.id()).enabled()).isTrue();
    hatchet.crons().disable(off.id());
  }

  @Test
  void cronsAreListedFilteredAndDeleted() {
    CronTrigger a = hatchet.crons().create("target", "a-" + suite, "0 3 * * *", new Job("a"), Map.of("suite", suite, "x", "1"), null);
    CronTrigger b = hatchet.crons().create("target", "b-" + suite, "0 4 * * *", null);
    List<String> all = hatchet.crons().listAll(CronQuery.create().workflowName("target")).map(CronTrigger::id)
        .collect(Collectors.toList());
    assertThat(all).contains(a.id(), b.id());
    assertThat(hatchet.crons().list(CronQuery.create().cronName("a-" + suite), 0, 10).items())
        .extracting(CronTrigger::id).containsExactly(a.id());
    assertThat(hatchet.crons().listAll(CronQuery.create().metadata("x", "1")).map(CronTrigger::id))
        .containsExactly(a.id());
    String wfId = a.workflowId();
    assertThat(hatchet.crons().listAll(CronQuery.create().workflowId(wfId)
        .orderBy(CronQuery.OrderBy.CREATED_AT, SortDirection.ASC)).map(CronTrigger::name).collect(Collectors.toList()))
        .containsSubsequence("a-" + suite, "b-" + suite);
    assertThat(hatchet.crons().list(CronQuery.create().workflowId(wfId)
        .orderBy(CronQuery.OrderBy.CREATED_AT, SortDirection.DESC), 0, 1).items()).extracting(CronTrigger::name)
        .containsExactly("b-" + suite);
    assertThat(hatchet.crons().get(b.id()).input().size()).isZero();

    hatchet.crons().delete(a.id());
    // v0.104.7 answers an unknown cron id with 500 rather than 404
    assertThatThrownBy(() -> hatchet.crons().get(a.id()))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isGreaterThanOrEqualTo(400));
    assertThat(hatchet.crons().listAll(CronQuery.create().workflowName("target")).map(CronTrigger::id))
        .doesNotContain(a.id()).contains(b.id());
    hatchet.crons().delete(b.id());
    assertThatThrownBy(() -> hatchet.crons().create("no-such-workflow", "c", "* * * * *", null))
        .isInstanceOf(HatchetApiException.class);
  }

  @Test
  void scheduledRunsAreCreatedReadMovedTriggeredAndDeleted() {
    Instant in1h = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    ScheduledRun s = hatchet.scheduled().create("target", in1h, new Job("scheduled"), Map.of("suite", suite), 3);
    ScheduledRun other = hatchet.scheduled().create("target", in1h, new Job("other"), Map.of("suite", suite), null);
    ScheduledRun read = hatchet.scheduled().get(s.id());
    assertThat(read.triggerAt()).isEqualTo(in1h);
    assertThat(read.workflowName()).isEqualTo(hatchet.config().applyNamespace("target"));
    assertThat(read.input().path("label").asText()).isEqualTo("scheduled");
    assertThat(read.additionalMetadata()).containsEntry("suite", suite);
    assertThat(read.priority()).isEqualTo(3);
    assertThat(read.method()).isEqualTo("API");
    assertThat(read.workflowRunId()).isNull();

    Instant in2h = in1h.plus(1, ChronoUnit.HOURS);
    assertThat(hatchet.scheduled().update(s.id(), in2h).triggerAt()).isEqualTo(in2h);
    assertThat(hatchet.scheduled().get(s.id()).triggerAt()).isEqualTo(in2h);
    assertThat(hatchet.scheduled().listAll(ScheduledQuery.create().workflowId(read.workflowId()).metadata("suite", suite))
        .map(ScheduledRun::id)).contains(s.id(), other.id());

    hatchet.scheduled().delete(other.id());
    assertThatThrownBy(() -> hatchet.scheduled().get(other.id()))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(hatchet.scheduled().listAll(ScheduledQuery.create().metadata("suite", suite)).map(ScheduledRun::id))
        .doesNotContain(other.id()).contains(s.id());

    // trigger-now runs it at once and consumes the schedule
    String runId = hatchet.scheduled().triggerNow(s.id());
    Poll.until("triggered run completed", Duration.ofSeconds(30), () -> hatchet.runs().status(runId),
        st -> st == RunStatus.COMPLETED);
    assertThat(seen.get(runId)).isEqualTo("scheduled");
    assertThat(hatchet.runs().get(runId).additionalMetadata()).containsEntry("suite", suite);
    assertThatThrownBy(() -> hatchet.scheduled().get(s.id()))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void scheduledRunFiresAtItsTime() {
    String tag = UUID.randomUUID().toString();
    ScheduledRun s = hatchet.scheduled().create("target", Instant.now().plusSeconds(2), new Job("timed"),
        Map.of("suite", suite, "timed", tag), null);
    List<String> runs = Poll.until("scheduled run fired and completed", Duration.ofSeconds(60),
        () -> hatchet.runs().listIds(RunFilter.create().since(since).metadata("timed", tag)
            .statuses(RunStatus.COMPLETED)), l -> !l.isEmpty());
    assertThat(runs).hasSize(1);
    assertThat(seen.get(runs.get(0))).isEqualTo("timed");
    // a fired schedule is gone
    assertThatThrownBy(() -> hatchet.scheduled().triggerNow(s.id()))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void scheduledRunsAreMovedAndDeletedInBulk() {
    String tag = UUID.randomUUID().toString();
    Instant later = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    ScheduledRun a = hatchet.scheduled().create("target", later, new Job("a"), Map.of("suite", suite, "bulk", tag), null);
    ScheduledRun b = hatchet.scheduled().create("target", later, new Job("b"), Map.of("suite", suite, "bulk", tag), null);
    ScheduledRun c = hatchet.scheduled().create("target", later, new Job("c"), Map.of("suite", suite, "bulk", tag), null);
    ScheduledRun plain = hatchet.scheduled().create("target", later, new Job("plain"));
    assertThat(hatchet.scheduled().get(plain.id()).additionalMetadata()).isEmpty();
    hatchet.scheduled().delete(plain.id());

    Map<String, Instant> moves = new LinkedHashMap<>();
    moves.put(a.id(), later.plusSeconds(60));
    moves.put(b.id(), later.plusSeconds(120));
    BulkResult moved = hatchet.scheduled().bulkUpdate(moves);
    assertThat(moved.ids()).containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(moved.ok()).isTrue();
    assertThat(hatchet.scheduled().get(a.id()).triggerAt()).isEqualTo(later.plusSeconds(60));
    assertThat(hatchet.scheduled().get(b.id()).triggerAt()).isEqualTo(later.plusSeconds(120));
    Page<ScheduledRun> firstTwo = hatchet.scheduled().list(ScheduledQuery.create().metadata("bulk", tag)
        .orderBy(ScheduledQuery.OrderBy.TRIGGER_AT, SortDirection.DESC), 0, 2);
    assertThat(firstTwo.items()).extracting(ScheduledRun::id).containsExactly(b.id(), a.id());
    assertThat(firstTwo.hasMore()).isTrue();
    assertThat(hatchet.scheduled().list(ScheduledQuery.create().metadata("bulk", tag)
        .orderBy(ScheduledQuery.OrderBy.TRIGGER_AT, SortDirection.DESC), 2, 2).items()).extracting(ScheduledRun::id)
        .containsExactly(c.id());

    BulkResult deleted = hatchet.scheduled().bulkDelete(List.of(a.id()));
    assertThat(deleted.ids()).containsExactly(a.id());
    assertThat(hatchet.scheduled().listAll(ScheduledQuery.create().metadata("bulk", tag)).map(ScheduledRun::id))
        .containsExactlyInAnyOrder(b.id(), c.id());

    BulkResult byFilter = hatchet.scheduled().bulkDelete(ScheduledQuery.create().metadata("bulk", tag));
    assertThat(byFilter.ids()).containsExactlyInAnyOrder(b.id(), c.id());
    assertThat(hatchet.scheduled().listAll(ScheduledQuery.create().metadata("bulk", tag)).count()).isZero();
  }
}
