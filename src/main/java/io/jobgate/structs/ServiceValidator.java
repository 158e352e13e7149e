package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.SECOND;
import static io.jobgate.structs.GoDuration.format;
import static io.jobgate.structs.GoFmt.q;
import static io.jobgate.structs.GoFmt.qAscii;
import static io.jobgate.structs.Nulls.num;
import static io.jobgate.structs.Nulls.str;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Nomad's {@code validateServices}, {@code Service.Validate} and check validation (spec §5.3). */
final class ServiceValidator {

  /** RFC 1123 label, checked after {@code ${…}} references are replaced by a placeholder. */
  private static final Pattern SERVICE_NAME =
      Pattern.compile("^(?i:[a-z0-9]|[a-z0-9][a-z0-9\\-]{0,61}[a-z0-9])$");
  private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:.*", Pattern.DOTALL);
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
  private static final long MIN_CHECK_INTERVAL = SECOND;

  private ServiceValidator() {
  }

  static List<String> validateServices(Task task) {
    List<String> errors = new ArrayList<>();
    // port label -> names of the services referencing it; sorted for stable messages like Nomad's
    Map<String, Set<String>> servicePorts = new TreeMap<>();
    Set<String> known = new HashSet<>();
    List<Service> services = Nulls.list(task.services());
    for (int i = 0; i < services.size(); i++) {
      Service service = services.get(i);
      String name = str(service.name());
      String portLabel = str(service.portLabel());
      List<String> inner = validateService(service);
      if (!inner.isEmpty()) {
        errors.add("service[" + i + "] " + qAscii(name) + " validation failed: " + MultiError.format(inner));
      }
      if (!known.add(name + portLabel)) {
        errors.add("service " + q(name) + " is duplicate");
      }
      // Numeric port labels are fine for address_mode=driver.
      if (!portLabel.isEmpty() && !(str(service.addressMode()).equals("driver") && isInteger(portLabel))) {
        servicePorts.computeIfAbsent(portLabel, k -> new TreeSet<>()).add(name);
      }
      Set<String> knownChecks = new HashSet<>();
      for (ServiceCheck check : Nulls.list(service.checks())) {
        String checkName = str(check.name());
        if (!knownChecks.add(checkName)) {
          errors.add("check " + q(checkName) + " is duplicate");
        }
        if (!requiresPort(check)) {
          continue;
        }
        String effectivePort = str(check.portLabel()).isEmpty() ? portLabel : check.portLabel();
        if (effectivePort.isEmpty()) {
          errors.add("check " + q(checkName) + " is missing a port");
          continue;
        }
        if (isInteger(effectivePort)) {
          long port = Long.parseLong(effectivePort);
          if (!str(check.addressMode()).equals("driver")) {
            errors.add("check " + q(checkName) + " cannot use a numeric port " + port
                + " without setting address_mode=\"driver\"");
          } else if (port <= 0) {
            errors.add("check " + q(checkName) + " has invalid numeric port " + port);
          }
          continue;
        }
        servicePorts.computeIfAbsent(effectivePort, k -> new TreeSet<>()).add(name);
      }
    }
    Set<String> labels = portLabels(task);
    servicePorts.forEach((label, names) -> {
      if (!labels.contains(label)) {
        errors.add("port label " + q(label) + " referenced by services " + String.join(", ", names)
            + " does not exist");
      }
    });
    return errors;
  }

  private static Set<String> portLabels(Task task) {
    Set<String> labels = new HashSet<>();
    if (task.resources() != null) {
      for (NetworkResource n : Nulls.list(task.resources().networks())) {
        Nulls.list(n.reservedPorts()).forEach(p -> labels.add(str(p.label())));
        Nulls.list(n.dynamicPorts()).forEach(p -> labels.add(str(p.label())));
      }
    }
    return labels;
  }

  private static List<String> validateService(Service s) {
    List<String> errors = new ArrayList<>();
    String name = str(s.name());
    String stripped = TaskCanonicalizer.ENV_VAR.matcher(name).replaceAll("ENV-VAR");
    if (!SERVICE_NAME.matcher(stripped).matches()) {
      errors.add("service name must be valid per RFC 1123 and can contain only alphanumeric characters or dashes: "
          + q(name));
    }
    String addressMode = str(s.addressMode());
    if (!List.of("", "auto", "host", "driver").contains(addressMode)) {
      errors.add("service address_mode must be \"auto\", \"host\", or \"driver\"; not " + q(addressMode));
    }
    for (ServiceCheck c : Nulls.list(s.checks())) {
      String checkName = str(c.name());
      if (str(s.portLabel()).isEmpty() && str(c.portLabel()).isEmpty() && requiresPort(c)) {
        errors.add("check " + checkName + " invalid: check requires a port but neither check nor service "
            + qAscii(name) + " have a port");
        continue;
      }
      String err = checkError(c);
      if (err != null) {
        errors.add("check " + checkName + " invalid: " + err);
      }
    }
    return errors;
  }

  /** Exact (case-sensitive) type match, as in Nomad's {@code RequiresPort}. */
  private static boolean requiresPort(ServiceCheck c) {
    return List.of("grpc", "http", "tcp").contains(str(c.type()));
  }

  /** The first problem with a check, as Nomad's {@code ServiceCheck.validate} stops at one. */
  private static String checkError(ServiceCheck c) {
    switch (str(c.type()).toLowerCase(Locale.ROOT)) {
      case "grpc", "tcp" -> {
      }
      case "http" -> {
        String path = str(c.path());
        if (path.isEmpty() || !isParsableUrl(path)) {
          return "http type must have a valid http path";
        }
        if (URL_SCHEME.matcher(path).matches()) {
          return "http type must have a relative http path";
        }
      }
      case "script" -> {
        if (str(c.command()).isEmpty()) {
          return "script type must have a valid script path";
        }
      }
      default -> {
        return "invalid type (" + qAscii(str(c.type())) + "), must be one of \"http\", \"tcp\", or \"script\" type";
      }
    }
    long interval = num(c.interval());
    if (interval == 0) {
      return "missing required value interval. Interval cannot be less than 1s";
    } else if (interval < MIN_CHECK_INTERVAL) {
      return "interval (" + format(interval) + ") cannot be lower than 1s";
    }
    long timeout = num(c.timeout());
    if (timeout == 0) {
      return "missing required value timeout. Timeout cannot be less than 1s";
    } else if (timeout < MIN_CHECK_INTERVAL) {
      return "timeout (" + format(timeout) + ") is lower than required minimum timeout 1s";
    }
    String initialStatus = str(c.initialStatus());
    if (!List.of("", "passing", "warning", "critical").contains(initialStatus)) {
      return "invalid initial check state (" + initialStatus
          + "), must be one of \"passing\", \"warning\", \"critical\" or empty";
    }
    String addressMode = str(c.addressMode());
    if (addressMode.equals("auto")) {
      return "invalid address_mode \"auto\" - auto only valid for services";
    } else if (!List.of("", "host", "driver").contains(addressMode)) {
      return "invalid address_mode " + q(addressMode);
    }
    List<String> restart = checkRestartErrors(c.checkRestart());
    return restart.isEmpty() ? null : MultiError.format(restart);
  }

  private static List<String> checkRestartErrors(CheckRestart r) {
    List<String> errors = new ArrayList<>();
    if (r == null) {
      return errors;
    }
    if (num(r.limit()) < 0) {
      errors.add("limit must be greater than or equal to 0 but found " + r.limit());
    }
    if (num(r.grace()) < 0) {
      // Nomad prints the grace period as raw nanoseconds here (%d).
      errors.add("grace period must be greater than or equal to 0 but found " + r.grace());
    }
    return errors;
  }

  /** The failures of Go's {@code url.Parse} that a check path can hit. */
  private static boolean isParsableUrl(String raw) {
    int hash = raw.indexOf('#');
    String url = hash >= 0 ? raw.substring(0, hash) : raw;
    int query = url.indexOf('?');
    String beforeQuery = query >= 0 ? url.substring(0, query) : url;
    if (url.startsWith(":") || BAD_ESCAPE.matcher(beforeQuery).find()) {
      return false;
    }
    if (URL_SCHEME.matcher(url).matches()) {
      return true;
    }
    // Without a scheme, a colon in the first path segment is an error.
    int colon = beforeQuery.indexOf(':');
    int slash = beforeQuery.indexOf('/');
    return colon < 0 || (slash >= 0 && slash < colon);
  }

  /** Go's {@code strconv.Atoi} success. */
  private static boolean isInteger(String s) {
    return INTEGER.matcher(s).matches();
  }
}
