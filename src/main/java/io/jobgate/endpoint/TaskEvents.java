package io.jobgate.endpoint;

import io.jobgate.structs.GoDuration;
import io.jobgate.structs.TaskEvent;
import io.jobgate.structs.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fills each task event's {@code DisplayMessage} as Nomad does when listing allocations (spec §13.4). */
public final class TaskEvents {

  private TaskEvents() {
  }

  public static Map<String, TaskState> withDisplayMessages(Map<String, TaskState> states) {
    if (states == null) {
      return null;
    }
    Map<String, TaskState> out = new LinkedHashMap<>();
    for (Map.Entry<String, TaskState> e : states.entrySet()) {
      TaskState s = e.getValue();
      List<TaskEvent> events = null;
      if (s.events() != null) {
        events = new ArrayList<>(s.events().size());
        for (TaskEvent ev : s.events()) {
          events.add(withDisplayMessage(ev));
        }
      }
      out.put(e.getKey(), new TaskState(s.state(), s.failed(), s.restarts(), s.lastRestart(), s.startedAt(),
          s.finishedAt(), events));
    }
    return out;
  }

  static TaskEvent withDisplayMessage(TaskEvent e) {
    return new TaskEvent(e.type(), e.time(), e.message(), displayMessage(e), e.details(), e.failsTask(),
        e.restartReason(), e.setupError(), e.driverError(), e.exitCode(), e.signal(), e.killTimeout(), e.killError(),
        e.killReason(), e.startDelay(), e.downloadError(), e.validationError(), e.diskLimit(), e.failedSibling(),
        e.vaultError(), e.taskSignalReason(), e.taskSignal(), e.driverMessage(), e.genericSource());
  }

  static String displayMessage(TaskEvent e) {
    String type = e.type() == null ? "" : e.type();
    return switch (type) {
      case "Received" -> "Task received by client";
      case "Task Setup" -> nonEmpty(e.message(), "Building Task Directory");
      case "Driver" -> nonEmpty(e.driverMessage(), e.message());
      case "Downloading Artifacts" -> "Client is downloading artifacts";
      case "Started" -> "Task started by client";
      case "Terminated" -> terminated(e);
      case "Restarting" -> restarting(e);
      case "Not Restarting" -> nonEmpty(e.restartReason(), "Task exceeded restart policy");
      case "Killing" -> nonEmpty(e.killReason(),
          "Sent interrupt. Waiting " + GoDuration.format(e.killTimeout())
              + " before force killing");
      case "Killed" -> nonEmpty(e.killError(), "Task successfully killed");
      case "Setup Failure" -> nonEmpty(e.setupError(), "Task setup failed");
      case "Driver Failure" -> nonEmpty(e.driverError(), "Failed to start task");
      case "Failed Validation" -> nonEmpty(e.validationError(), "Validation of task failed");
      case "Failed Artifact Download" -> nonEmpty(e.downloadError(), "Failed to download artifacts");
      case "Sibling Task Failed" -> e.failedSibling() == null || e.failedSibling().isEmpty()
          ? "Task's sibling failed" : "Task's sibling \"" + e.failedSibling() + "\" failed";
      case "Leader Task Dead" -> "Leader Task in Group dead";
      case "Signaling" -> nonEmpty(e.taskSignalReason(), "Task being sent a signal");
      case "Restart Signaled" -> nonEmpty(e.restartReason(), "Task signaled to restart");
      case "Disk Resources Exceeded" -> "Disk resources exceeded";
      default -> nonEmpty(e.message(), "");
    };
  }

  private static String terminated(TaskEvent e) {
    StringBuilder sb = new StringBuilder("Exit Code: ").append(e.exitCode());
    if (e.signal() != 0) {
      sb.append(", Signal: ").append(e.signal());
    }
    if (e.message() != null && !e.message().isEmpty()) {
      sb.append(", Exit Message: \"").append(e.message()).append('"');
    }
    return sb.toString();
  }

  private static String restarting(TaskEvent e) {
    String in = "Task restarting in " + GoDuration.format(e.startDelay());
    String reason = e.restartReason();
    return reason == null || reason.isEmpty() || "Restart within policy".equals(reason) ? in : reason + " - " + in;
  }

  private static String nonEmpty(String s, String fallback) {
    return s == null || s.isEmpty() ? fallback : s;
  }
}
