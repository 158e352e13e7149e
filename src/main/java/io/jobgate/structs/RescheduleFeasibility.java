package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.SECOND;
import static io.jobgate.structs.GoDuration.format;
import static io.jobgate.structs.GoFmt.q;

import java.util.ArrayList;
import java.util.List;

/**
 * Nomad's check that a limited reschedule policy can fit its attempts into its interval given the
 * delay progression (spec §5.2, {@code ReschedulePolicy.viableAttempts}). Nomad walks every attempt;
 * once the delay ceiling is reached the progression is linear, so this computes the tail in closed
 * form (saturating instead of wrapping on absurd values) to stay cheap for huge attempt counts.
 */
final class RescheduleFeasibility {

  /** Past this many doublings or Fibonacci steps a delay of at least 5s exceeds any duration. */
  private static final int GROWTH_STEPS = 200;

  private RescheduleFeasibility() {
  }

  /** Empty when feasible, else Nomad's two messages. Delay ≥ 5s and a valid function are given. */
  static List<String> errors(int attempts, long interval, long delay, String function, long maxDelay) {
    Result r = switch (function) {
      case "constant" -> constant(attempts, interval, delay);
      case "exponential" -> exponential(attempts, interval, delay, maxDelay);
      default -> fibonacci(attempts, interval, delay, maxDelay);
    };
    List<String> errors = new ArrayList<>();
    if (r.viable) {
      return errors;
    }
    String head = "Nomad can only make " + r.possible + " attempts in " + format(interval) + " with initial delay "
        + format(delay);
    errors.add(function.equals("constant")
        ? head + " and delay function " + q(function)
        : head + ", delay function " + q(function) + ", and delay ceiling " + format(maxDelay));
    errors.add("Set the interval to at least " + format(GoDuration.round(r.recommended, SECOND))
        + " to accommodate " + attempts + " attempts");
    return errors;
  }

  private record Result(boolean viable, long possible, long recommended) {
  }

  private static Result constant(int attempts, long interval, long delay) {
    long recommended = mul(attempts, delay);
    if (interval < recommended) {
      return new Result(false, interval / delay, recommended);
    }
    return new Result(true, 0, recommended);
  }

  /**
   * Delays double until they pass the ceiling. Quirk kept from Nomad: below the ceiling the
   * "recommended interval" is the latest delay alone, above it the ceilings accumulate.
   */
  private static Result exponential(int attempts, long interval, long delay, long maxDelay) {
    long recommended = 0;
    long possible = 0;
    for (int i = 0; i < attempts; i++) {
      long next = i >= 63 ? Long.MAX_VALUE : mul(1L << i, delay);
      if (next > maxDelay) {
        long remaining = attempts - i;
        possible += stepsBelow(recommended, maxDelay, remaining, interval);
        recommended = add(recommended, mul(remaining, maxDelay));
        break;
      }
      recommended = next;
      if (recommended < interval) {
        possible++;
      }
      if (next == Long.MAX_VALUE) {
        // Saturated and never above the ceiling: the remaining attempts change nothing.
        break;
      }
    }
    return new Result(possible >= attempts, possible, recommended);
  }

  /** Slots grow like Fibonacci until the ceiling, then by the ceiling each attempt. */
  private static Result fibonacci(int attempts, long interval, long delay, long maxDelay) {
    int slots = Math.max(2, attempts);
    List<Long> grown = new ArrayList<>(List.of(delay, delay));
    boolean capped = false;
    while (grown.size() < slots && grown.size() < GROWTH_STEPS && !capped) {
      long next = add(grown.get(grown.size() - 1), grown.get(grown.size() - 2));
      if (next > maxDelay) {
        next = maxDelay;
        capped = true;
      }
      grown.add(next);
    }
    int ceilingAt = grown.size() - 1;
    long recommended = slot(grown, capped, ceilingAt, maxDelay, slots - 1);
    if (interval >= recommended) {
      return new Result(true, 0, recommended);
    }
    long possible = 0;
    for (int i = 0; i < grown.size(); i++) {
      if (grown.get(i) > interval) {
        return new Result(false, i, recommended);
      }
    }
    if (capped) {
      long firstAbove = ceilingAt + interval / maxDelay;
      possible = firstAbove < slots ? firstAbove : 0;
    }
    return new Result(false, possible, recommended);
  }

  private static long slot(List<Long> grown, boolean capped, int ceilingAt, long maxDelay, int i) {
    if (i < grown.size()) {
      return grown.get(i);
    }
    return capped ? mul(i - ceilingAt + 1L, maxDelay) : Long.MAX_VALUE;
  }

  /** How many of {@code base + j*step} for j = 1..count stay below {@code limit}. */
  private static long stepsBelow(long base, long step, long count, long limit) {
    if (limit <= base) {
      return 0;
    }
    return Math.min(count, (limit - base - 1) / step);
  }

  private static long mul(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : Long.MAX_VALUE;
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
