package run.hatchet.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {
  /** A fake engine list of {@code total} numbers that reports pagination like the engine does. */
  private static Page.Fetcher<Integer> source(int total, List<int[]> calls) {
    return (offset, limit) -> {
      calls.add(new int[] {offset, limit});
      List<Integer> items = IntStream.range(offset, Math.min(total, offset + limit)).boxed().collect(Collectors.toList());
      int numPages = (int) Math.ceil(total / (double) limit);
      return new Page<>(items, offset, limit, offset / limit + 1, numPages);
    };
  }

  @Test
  void streamWalksEveryPageInOrderAndStopsAtTheLast() {
    List<int[]> calls = new ArrayList<>();
    List<Integer> all = Page.stream(10, source(25, calls)).collect(Collectors.toList());
    assertThat(all).containsExactlyElementsOf(IntStream.range(0, 25).boxed().collect(Collectors.toList()));
    assertThat(calls).extracting(c -> c[0]).containsExactly(0, 10, 20);
    assertThat(calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(10));
  }

  @Test
  void exactMultipleStopsWithoutAnExtraRequestWhenTheEngineReportsThePageCount() {
    List<int[]> calls = new ArrayList<>();
    assertThat(Page.stream(10, source(20, calls)).count()).isEqualTo(20);
    assertThat(calls).hasSize(2);
  }

  @Test
  void withoutPageCountAFullPageLeadsToOneMoreRequest() {
    List<int[]> calls = new ArrayList<>();
    Page.Fetcher<Integer> noCounts = (offset, limit) -> {
      calls.add(new int[] {offset, limit});
      List<Integer> items = IntStream.range(offset, Math.min(20, offset + limit)).boxed().collect(Collectors.toList());
      return new Page<>(items, offset, limit, 0, 0);
    };
    assertThat(Page.stream(10, noCounts).count()).isEqualTo(20);
    assertThat(calls).hasSize(3);
  }

  @Test
  void emptyFirstPageYieldsNothing() {
    List<int[]> calls = new ArrayList<>();
    assertThat(Page.stream(10, source(0, calls)).count()).isZero();
    assertThat(calls).hasSize(1);
  }

  @Test
  void anEngineThatIgnoresTheOffsetDoesNotLoopForever() {
    Page.Fetcher<Integer> stuck = (offset, limit) -> new Page<>(List.of(1, 2), offset, limit, 1, 5);
    assertThat(Page.stream(2, stuck).count()).isEqualTo(2);
  }

  @Test
  void streamIsLazy() {
    List<int[]> calls = new ArrayList<>();
    assertThat(Page.stream(10, source(1000, calls)).limit(15).count()).isEqualTo(15);
    assertThat(calls).hasSize(2);
  }

  @Test
  void iterableCanBeWalkedTwice() {
    List<int[]> calls = new ArrayList<>();
    Iterable<Integer> it = Page.iterable(4, source(6, calls));
    List<Integer> a = new ArrayList<>();
    it.forEach(a::add);
    List<Integer> b = new ArrayList<>();
    it.forEach(b::add);
    assertThat(a).isEqualTo(b).hasSize(6);
  }

  @Test
  void hasMoreFollowsSizeAndPageCount() {
    assertThat(new Page<>(List.of(1, 2), 0, 2, 1, 2).hasMore()).isTrue();
    assertThat(new Page<>(List.of(1, 2), 2, 2, 2, 2).hasMore()).isFalse();
    assertThat(new Page<>(List.of(1), 0, 2, 1, 5).hasMore()).isFalse();
    assertThat(new Page<>(List.of(1, 2), 0, 2, 0, 0).hasMore()).isTrue();
  }

  @Test
  void readsRowsAndPaginationOfAnEngineResponse() throws Exception {
    JsonNode body = new ObjectMapper().readTree(
        "{\"pagination\":{\"current_page\":2,\"next_page\":3,\"num_pages\":7},\"rows\":[{\"v\":1},{\"v\":2}]}");
    Page<Integer> p = Page.fromJson(body, 2, 2, n -> n.path("v").asInt());
    assertThat(p.items()).containsExactly(1, 2);
    assertThat(p.currentPage()).isEqualTo(2);
    assertThat(p.numPages()).isEqualTo(7);
    assertThat(p.hasMore()).isTrue();
  }

  @Test
  void rejectsBadPageSizes() {
    assertThatThrownBy(() -> Page.stream(0, (o, l) -> null)).isInstanceOf(IllegalArgumentException.class);
  }
}
