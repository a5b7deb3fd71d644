package run.hatchet.internal.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import run.hatchet.internal.registration.TaskSpec;

/** One semaphore per slot type, sized to the registered capacity: the worker never runs more. */
final class SlotGate {
  private final Map<String, Semaphore> semaphores = new LinkedHashMap<>();
  private final Map<String, Integer> capacity;

  SlotGate(Map<String, Integer> capacity) {
    this.capacity = Map.copyOf(capacity);
    capacity.forEach((type, n) -> semaphores.put(type, new Semaphore(n, true)));
  }

  /** Blocks until the task's slot units are free. Unknown slot types are not limited locally. */
  void acquire(TaskSpec spec) throws InterruptedException {
    for (Map.Entry<String, Integer> e : spec.effectiveSlotRequests().entrySet()) {
      Semaphore s = semaphores.get(e.getKey());
      if (s != null) {
        s.acquire(Math.min(e.getValue(), capacity.get(e.getKey())));
      }
    }
  }

  void release(TaskSpec spec) {
    for (Map.Entry<String, Integer> e : spec.effectiveSlotRequests().entrySet()) {
      Semaphore s = semaphores.get(e.getKey());
      if (s != null) {
        s.release(Math.min(e.getValue(), capacity.get(e.getKey())));
      }
    }
  }

  Map<String, Integer> capacity() {
    return capacity;
  }

  int used(String type) {
    Semaphore s = semaphores.get(type);
    return s == null ? 0 : capacity.get(type) - s.availablePermits();
  }
}
