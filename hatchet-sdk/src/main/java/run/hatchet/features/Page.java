package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a list from the engine: the items plus the engine's pagination info. Use
 * {@link #stream(int, Fetcher)} (or the {@code listAll} methods of the clients) to walk every page.
 *
 * @param <T> the item type
 */
public final class Page<T> {
  private final List<T> items;
  private final int offset;
  private final int limit;
  private final int currentPage;
  private final int numPages;

  /**
   * @param items the items of this page
   * @param offset the offset this page was requested with
   * @param limit the page size it was requested with
   * @param currentPage the engine's 1-based page number, 0 if not reported
   * @param numPages the engine's page count, 0 if not reported
   */
  public Page(List<T> items, int offset, int limit, int currentPage, int numPages) {
    this.items = List.copyOf(items);
    this.offset = offset;
    this.limit = limit;
    this.currentPage = currentPage;
    this.numPages = numPages;
  }

  /** Reads {@code rows} and {@code pagination} of an engine list response. */
  public static <T> Page<T> fromJson(JsonNode body, int offset, int limit, Function<JsonNode, T> mapper) {
    JsonNode p = body.path("pagination");
    return new Page<>(Json.list(body.path("rows"), mapper), offset, limit,
        Json.intOr(p, "current_page", 0), Json.intOr(p, "num_pages", 0));
  }

  /** The items of this page, in the engine's order. */
  public List<T> items() {
    return items;
  }

  /** The offset the page was requested with. */
  public int offset() {
    return offset;
  }

  /** The page size it was requested with. */
  public int limit() {
    return limit;
  }

  /** The engine's 1-based page number (0 when the engine does not report it). */
  public int currentPage() {
    return currentPage;
  }

  /** The engine's total page count (0 when the engine does not report it). */
  public int numPages() {
    return numPages;
  }

  /** True when another page may follow: this one is full and the engine does not say it is the last. */
  public boolean hasMore() {
    if (items.isEmpty() || items.size() < limit) {
      return false;
    }
    return numPages <= 0 || currentPage <= 0 || currentPage < numPages;
  }

  /** Fetches one page. */
  @FunctionalInterface
  public interface Fetcher<T> {
    /** The page at {@code offset} with at most {@code limit} items. */
    Page<T> fetch(int offset, int limit);
  }

  /** Every item of every page, fetched lazily, {@code pageSize} items per request. */
  public static <T> Iterable<T> iterable(int pageSize, Fetcher<T> fetcher) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1 (was " + pageSize + ")");
    }
    return () -> new Walker<>(pageSize, fetcher);
  }

  /** Every item of every page as a lazy, sequential stream. */
  public static <T> Stream<T> stream(int pageSize, Fetcher<T> fetcher) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
        iterable(pageSize, fetcher).iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public String toString() {
    return "Page{offset=" + offset + ", limit=" + limit + ", items=" + items.size() + ", page=" + currentPage
        + "/" + numPages + "}";
  }

  private static final class Walker<T> implements Iterator<T> {
    private final int pageSize;
    private final Fetcher<T> fetcher;
    private Iterator<T> current = List.<T>of().iterator();
    private Page<T> last;
    private int nextOffset;
    private boolean done;

    Walker(int pageSize, Fetcher<T> fetcher) {
      this.pageSize = pageSize;
      this.fetcher = fetcher;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (done) {
          return false;
        }
        Page<T> page = fetcher.fetch(nextOffset, pageSize);
        // an engine that ignores the offset would repeat the same page forever
        if (last != null && page.currentPage > 0 && page.currentPage == last.currentPage) {
          done = true;
          return false;
        }
        last = page;
        nextOffset += pageSize;
        done = !page.hasMore();
        current = page.items.iterator();
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
