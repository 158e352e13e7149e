package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.format;
import static io.jobgate.structs.GoFmt.q;
import static io.jobgate.structs.Nulls.bool;
import static io.jobgate.structs.Nulls.num;
import static io.jobgate.structs.Nulls.str;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Nomad's {@code Task.Validate} (spec §5.3); messages nest as Nomad nests them. */
final class TaskValidator {

  private static final Map<String, Integer> CHECKSUM_BYTES = Map.of("md5", 16, "sha1", 20, "sha256", 32, "sha512", 64);

  private TaskValidator() {
  }

  static List<String> validate(Task t, EphemeralDisk disk) {
    List<String> errors = new ArrayList<>();
    String name = str(t.name());
    if (name.isEmpty()) {
      errors.add("Missing task name");
    }
    if (name.contains("/") || name.contains("\\")) {
      errors.add("Task name cannot include slashes");
    }
    if (str(t.driver()).isEmpty()) {
      errors.add("Missing task driver");
    }
    if (num(t.killTimeout()) < 0) {
      errors.add("KillTimeout must be a positive value");
    }
    if (num(t.shutdownDelay()) < 0) {
      errors.add("ShutdownDelay must be a positive value");
    }
    if (t.resources() == null) {
      errors.add("Missing task resources");
    } else {
      // Spec §1.6 renders the resource minimums directly in the task's list. (Nomad 0.8 itself nests
      // them one level deeper, as a "1 error(s) occurred:" item of their own.)
      errors.addAll(resourceErrors(t.resources()));
    }
    if (t.logConfig() == null) {
      errors.add("Missing Log Config");
    } else {
      MultiError.addNested(errors, logConfigErrors(t.logConfig()));
    }
    List<Constraint> constraints = Nulls.list(t.constraints());
    for (int i = 0; i < constraints.size(); i++) {
      Constraint c = constraints.get(i);
      List<String> inner = ConstraintValidator.validate(c);
      if (!inner.isEmpty()) {
        errors.add("Constraint " + (i + 1) + " validation failed: " + MultiError.format(inner));
      }
      String operand = str(c.operand());
      if (operand.equals("distinct_hosts") || operand.equals("distinct_property")) {
        errors.add("Constraint " + (i + 1) + " has disallowed Operand at task level: " + operand);
      }
    }
    MultiError.addNested(errors, ServiceValidator.validateServices(t));
    if (t.logConfig() != null && disk != null) {
      long logUsage = (long) num(t.logConfig().maxFiles()) * num(t.logConfig().maxFileSizeMB());
      if (num(disk.sizeMB()) <= logUsage) {
        errors.add("log storage (" + logUsage + " MB) must be less than requested disk capacity ("
            + num(disk.sizeMB()) + " MB)");
      }
    }
    List<TaskArtifact> artifacts = Nulls.list(t.artifacts());
    for (int i = 0; i < artifacts.size(); i++) {
      List<String> inner = artifactErrors(artifacts.get(i));
      if (!inner.isEmpty()) {
        errors.add("Artifact " + (i + 1) + " validation failed: " + MultiError.format(inner));
      }
    }
    if (t.vault() != null) {
      List<String> inner = vaultErrors(t.vault());
      if (!inner.isEmpty()) {
        errors.add("Vault validation failed: " + MultiError.format(inner));
      }
    }
    templates(Nulls.list(t.templates()), errors);
    if (t.dispatchPayload() != null && GoPaths.escapesAllocDir("task/local/", str(t.dispatchPayload().file()))) {
      errors.add("Dispatch Payload validation failed: destination escapes allocation directory");
    }
    return errors;
  }

  /**
   * Nomad's {@code MeetsMinResources}. The network line follows the spec's §5.3 text; Nomad 0.8
   * renders its inner list as a nested multi-error.
   */
  private static List<String> resourceErrors(Resources r) {
    List<String> errors = new ArrayList<>();
    if (num(r.cpu()) < 20) {
      errors.add("minimum CPU value is 20; got " + num(r.cpu()));
    }
    if (num(r.memoryMB()) < 10) {
      errors.add("minimum MemoryMB value is 10; got " + num(r.memoryMB()));
    }
    if (num(r.iops()) < 0) {
      errors.add("minimum IOPS value is 0; got " + num(r.iops()));
    }
    List<NetworkResource> networks = Nulls.list(r.networks());
    for (int i = 0; i < networks.size(); i++) {
      int mbits = num(networks.get(i).mbits());
      if (mbits < 1) {
        errors.add("network resource at index " + i + " failed: minimum MBits value is 1; got " + mbits);
      }
    }
    return errors;
  }

  private static List<String> logConfigErrors(LogConfig l) {
    List<String> errors = new ArrayList<>();
    if (num(l.maxFiles()) < 1) {
      errors.add("minimum number of files is 1; got " + num(l.maxFiles()));
    }
    if (num(l.maxFileSizeMB()) < 1) {
      errors.add("minimum file size is 1MB; got " + num(l.maxFileSizeMB()));
    }
    return errors;
  }

  private static List<String> artifactErrors(TaskArtifact a) {
    List<String> errors = new ArrayList<>();
    if (str(a.getterSource()).isEmpty()) {
      errors.add("source must be specified");
    }
    String mode = str(a.getterMode());
    if (!List.of("", "any", "file", "dir").contains(mode)) {
      errors.add("invalid artifact mode " + q(mode) + "; must be one of: any, file, dir");
    }
    if (GoPaths.escapesAllocDir("task", str(a.relativeDest()))) {
      errors.add("destination escapes allocation directory");
    }
    Map<String, String> options = a.getterOptions();
    if (options != null && options.containsKey("checksum")) {
      String err = checksumError(str(options.get("checksum")).strip());
      if (err != null) {
        errors.add(err);
      }
    }
    return errors;
  }

  private static String checksumError(String checksum) {
    if (checksum.isEmpty()) {
      return "checksum value cannot be empty";
    }
    String[] parts = checksum.split(":", -1);
    if (parts.length != 2) {
      return "checksum must be given as \"type:value\"; got " + q(checksum);
    }
    byte[] value = parts[1].getBytes(StandardCharsets.UTF_8);
    String hexError = hexError(value);
    if (hexError != null) {
      return "invalid checksum: " + hexError;
    }
    Integer expected = CHECKSUM_BYTES.get(parts[0]);
    if (expected == null) {
      return "unsupported checksum type: " + parts[0];
    }
    if (value.length / 2 != expected) {
      return "invalid " + parts[0] + " checksum: " + parts[1];
    }
    return null;
  }

  /** Go 1.10's {@code hex.DecodeString} errors: length is checked before the digits. */
  private static String hexError(byte[] src) {
    if (src.length % 2 == 1) {
      return "encoding/hex: odd length hex string";
    }
    for (byte b : src) {
      int c = b & 0xff;
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        String rune = String.format("U+%04X", c);
        // Go's %#U adds the character when strconv.IsPrint holds.
        boolean printable = (c >= 0x20 && c < 0x7f) || (c >= 0xa1 && c != 0xad);
        return "encoding/hex: invalid byte: " + (printable ? rune + " '" + (char) c + "'" : rune);
      }
    }
    return null;
  }

  private static List<String> vaultErrors(Vault v) {
    List<String> errors = new ArrayList<>();
    if (Nulls.isEmpty(v.policies())) {
      errors.add("Policy list cannot be empty");
    }
    for (String p : Nulls.list(v.policies())) {
      if ("root".equals(p)) {
        errors.add("Can not specify \"root\" policy");
      }
    }
    String mode = str(v.changeMode());
    if (mode.equals("signal")) {
      if (str(v.changeSignal()).isEmpty()) {
        errors.add("Signal must be specified when using change mode \"signal\"");
      }
    } else if (!mode.equals("noop") && !mode.equals("restart")) {
      errors.add("Unknown change mode " + q(mode));
    }
    return errors;
  }

  private static void templates(List<Template> templates, List<String> errors) {
    Map<String, Integer> destinations = new HashMap<>();
    for (int i = 0; i < templates.size(); i++) {
      Template t = templates.get(i);
      List<String> inner = templateErrors(t);
      if (!inner.isEmpty()) {
        errors.add("Template " + (i + 1) + " validation failed: " + MultiError.format(inner));
      }
      Integer other = destinations.putIfAbsent(str(t.destPath()), i + 1);
      if (other != null) {
        errors.add("Template " + (i + 1) + " has same destination as " + other);
      }
    }
  }

  private static List<String> templateErrors(Template t) {
    List<String> errors = new ArrayList<>();
    if (str(t.sourcePath()).isEmpty() && str(t.embeddedTmpl()).isEmpty()) {
      errors.add("Must specify a source path or have an embedded template");
    }
    if (str(t.destPath()).isEmpty()) {
      errors.add("Must specify a destination for the template");
    }
    if (GoPaths.escapesAllocDir("task", str(t.destPath()))) {
      errors.add("destination escapes allocation directory");
    }
    switch (str(t.changeMode())) {
      case "noop", "restart" -> {
      }
      case "signal" -> {
        if (str(t.changeSignal()).isEmpty()) {
          errors.add("Must specify signal value when change mode is signal");
        }
        if (bool(t.envvars())) {
          errors.add("cannot use signals with env var templates");
        }
      }
      default -> errors.add("Invalid change mode. Must be one of the following: noop, signal, restart");
    }
    if (num(t.splay()) < 0) {
      errors.add("Must specify positive splay value");
    }
    String perms = str(t.perms());
    if (!perms.isEmpty()) {
      String reason = !perms.matches("[0-7]+") ? "invalid syntax"
          : new BigInteger(perms, 8).bitLength() > 12 ? "value out of range" : null;
      if (reason != null) {
        errors.add("Failed to parse " + q(perms) + " as octal: strconv.ParseUint: parsing " + q(perms) + ": " + reason);
      }
    }
    if (num(t.vaultGrace()) < 0) {
      errors.add("Vault grace must be greater than zero: " + format(num(t.vaultGrace())) + " < 0");
    }
    return errors;
  }
}
