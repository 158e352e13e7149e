package io.jobgate.scheduler;

import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DeploymentState;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.TaskGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Reconciler} decided for a job: placements (new, replacements, canaries), stops,
 * in-place and attribute updates, the deployment it creates and the status changes of existing
 * ones, per-group counts, follow-up evaluations. Deployment group states stay mutable until the
 * scheduler has placed its canaries and builds the plan.
 */
final class ReconcileResult {

  final List<Placement> place = new ArrayList<>();
  final List<Placement> destructive = new ArrayList<>();
  final List<Allocation> inplace = new ArrayList<>();
  final List<Stop> stop = new ArrayList<>();
  final Map<String, Allocation> attributeUpdates = new LinkedHashMap<>();
  Deployment deployment;
  Map<String, GroupState> deploymentGroups;
  final List<DeploymentStatusUpdate> deploymentUpdates = new ArrayList<>();
  final Map<String, Desired> desired = new TreeMap<>();
  final List<Evaluation> followups = new ArrayList<>();

  /** An allocation to place; {@code previous} is the one it replaces, stopped with {@code stopDescription}. */
  record Placement(String name, TaskGroup tg, Allocation previous, boolean reschedule, boolean canary,
      String stopDescription) {
  }

  /** An allocation to stop; {@code clientStatus} is {@code lost} for allocations on down nodes. */
  record Stop(Allocation alloc, String clientStatus, String description) {
  }

  /** A mutable {@link DesiredUpdates}. */
  static final class Desired {
    long ignore;
    long place;
    long migrate;
    long stop;
    long inPlaceUpdate;
    long destructiveUpdate;
    long canary;

    DesiredUpdates build() {
      return new DesiredUpdates(ignore, place, migrate, stop, inPlaceUpdate, destructiveUpdate,
          canary);
    }
  }


  /** A mutable {@link DeploymentState} for a deployment this pass creates or extends. */
  static final class GroupState {
    boolean autoRevert;
    long progressDeadline;
    Instant requireProgressBy;
    boolean promoted;
    final List<String> placedCanaries = new ArrayList<>();
    int desiredCanaries;
    int desiredTotal;
    int placedAllocs;
    int healthyAllocs;
    int unhealthyAllocs;

    static GroupState of(DeploymentState s) {
      GroupState g = new GroupState();
      g.autoRevert = s.autoRevert();
      g.progressDeadline = s.progressDeadline();
      g.requireProgressBy = s.requireProgressBy();
      g.promoted = s.promoted();
      if (s.placedCanaries() != null) {
        g.placedCanaries.addAll(s.placedCanaries());
      }
      g.desiredCanaries = s.desiredCanaries();
      g.desiredTotal = s.desiredTotal();
      g.placedAllocs = s.placedAllocs();
      g.healthyAllocs = s.healthyAllocs();
      g.unhealthyAllocs = s.unhealthyAllocs();
      return g;
    }

    DeploymentState build() {
      return new DeploymentState(autoRevert, progressDeadline,
          requireProgressBy == null ? GoTime.ZERO : requireProgressBy, promoted,
          placedCanaries.isEmpty() ? null : List.copyOf(placedCanaries), desiredCanaries, desiredTotal,
          placedAllocs, healthyAllocs, unhealthyAllocs);
    }
  }

}
