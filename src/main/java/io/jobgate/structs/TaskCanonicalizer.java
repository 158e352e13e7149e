package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.SECOND;
import static io.jobgate.structs.Nulls.bool;
import static io.jobgate.structs.Nulls.emptyToNull;
import static io.jobgate.structs.Nulls.mapList;
import static io.jobgate.structs.Nulls.num;
import static io.jobgate.structs.Nulls.or;
import static io.jobgate.structs.Nulls.str;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Task-level part of {@link JobCanonicalizer} (spec §4.4). */
final class TaskCanonicalizer {

  static final long DEFAULT_KILL_TIMEOUT = 5 * SECOND;
  static final int DEFAULT_CPU = 100;
  static final int DEFAULT_MEMORY_MB = 300;
  static final int DEFAULT_MBITS = 10;

  /** Nomad's {@code helper/args} interpolation syntax, {@code ${NAME}}. */
  static final Pattern ENV_VAR = Pattern.compile("\\$\\{[a-zA-Z0-9_\\-.]+}");

  private TaskCanonicalizer() {
  }

  static Task canonicalize(Task in, String jobName, String groupName) {
    Task t = in == null
        ? new Task(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null)
        : in;
    String name = str(t.name());
    long killTimeout = num(t.killTimeout());
    return new Task(
        name,
        str(t.driver()),
        str(t.user()),
        emptyToNull(t.config()),
        emptyToNull(t.env()),
        mapList(t.services(), s -> service(s, jobName, groupName, name)),
        vault(t.vault()),
        mapList(t.templates(), TaskCanonicalizer::template),
        JobCanonicalizer.constraints(t.constraints()),
        resources(t.resources()),
        t.dispatchPayload() == null ? null : new DispatchPayloadConfig(str(t.dispatchPayload().file())),
        emptyToNull(t.meta()),
        // The server also replaces an explicit 0 with the default.
        killTimeout == 0 ? DEFAULT_KILL_TIMEOUT : killTimeout,
        logConfig(t.logConfig()),
        mapList(t.artifacts(), TaskCanonicalizer::artifact),
        bool(t.leader()),
        num(t.shutdownDelay()),
        str(t.killSignal()));
  }

  /** DiskMB is never copied from a task: disk is a group-level ask (§4.1). */
  private static Resources resources(Resources r) {
    if (r == null) {
      return new Resources(DEFAULT_CPU, DEFAULT_MEMORY_MB, 0, 0, null);
    }
    return new Resources(or(r.cpu(), DEFAULT_CPU), or(r.memoryMB(), DEFAULT_MEMORY_MB), 0, num(r.iops()),
        mapList(r.networks(), TaskCanonicalizer::network));
  }

  /** The agent's conversion copies CIDR, IP, MBits and ports, not Device. */
  private static NetworkResource network(NetworkResource n) {
    if (n == null) {
      return new NetworkResource("", "", "", DEFAULT_MBITS, null, null);
    }
    return new NetworkResource("", str(n.cidr()), str(n.ip()), or(n.mbits(), DEFAULT_MBITS),
        mapList(n.reservedPorts(), TaskCanonicalizer::port), mapList(n.dynamicPorts(), TaskCanonicalizer::port));
  }

  private static Port port(Port p) {
    return p == null ? new Port("", 0) : new Port(str(p.label()), num(p.value()));
  }

  private static LogConfig logConfig(LogConfig l) {
    if (l == null) {
      return new LogConfig(10, 10);
    }
    return new LogConfig(or(l.maxFiles(), 10), or(l.maxFileSizeMB(), 10));
  }

  /** File-mode artifacts default to {@code local/<basename of source>}, others to {@code local/}. */
  private static TaskArtifact artifact(TaskArtifact a) {
    TaskArtifact in = a == null ? new TaskArtifact(null, null, null, null) : a;
    String mode = or(in.getterMode(), "any");
    String source = str(in.getterSource());
    String dest = in.relativeDest();
    if (dest == null) {
      dest = mode.equals("file") ? GoPaths.join("local", GoPaths.base(source)) : "local/";
    }
    return new TaskArtifact(source, in.getterOptions(), mode, dest);
  }

  private static Template template(Template t) {
    Template in = t == null ? new Template(null, null, null, null, null, null, null, null, null, null, null) : t;
    String mode = or(in.changeMode(), "restart");
    String signal = in.changeSignal() == null
        ? (mode.equals("signal") ? "SIGHUP" : "")
        : in.changeSignal().toUpperCase(Locale.ROOT);
    return new Template(str(in.sourcePath()), str(in.destPath()), str(in.embeddedTmpl()), mode, signal,
        or(in.splay(), 5 * SECOND), or(in.perms(), "0644"), or(in.leftDelim(), "{{"), or(in.rightDelim(), "}}"),
        bool(in.envvars()), or(in.vaultGrace(), 15 * SECOND));
  }

  private static Vault vault(Vault v) {
    if (v == null) {
      return null;
    }
    return new Vault(Nulls.strings(v.policies()), or(v.env(), true), or(v.changeMode(), "restart"),
        or(v.changeSignal(), "SIGHUP").toUpperCase(Locale.ROOT));
  }

  /**
   * Service name defaults to {@code <job>-<group>-<task>}, then {@code ${JOB}}, {@code ${TASKGROUP}},
   * {@code ${TASK}} and {@code ${BASE}} are interpolated; check names default from the result.
   */
  private static Service service(Service s, String jobName, String groupName, String taskName) {
    Service in = s == null ? new Service(null, null, null, null, null, null, null) : s;
    String base = jobName + "-" + groupName + "-" + taskName;
    String name = interpolate(str(in.name()).isEmpty() ? base : in.name(),
        Map.of("JOB", jobName, "TASKGROUP", groupName, "TASK", taskName, "BASE", base));
    String addressMode = str(in.addressMode()).isEmpty() ? "auto" : in.addressMode();
    return new Service(name, str(in.portLabel()), addressMode, emptyToNull(Nulls.strings(in.tags())),
        emptyToNull(Nulls.strings(in.canaryTags())), mapList(in.checks(), c -> check(c, name, in.checkRestart())),
        null);
  }

  /** Nomad's {@code args.ReplaceEnv}: known names are substituted, unknown ones left as written. */
  static String interpolate(String text, Map<String, String> values) {
    Matcher m = ENV_VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group().substring(2, m.group().length() - 1);
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(key, m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static ServiceCheck check(ServiceCheck c, String serviceName, CheckRestart serviceRestart) {
    ServiceCheck in = c == null
        ? new ServiceCheck(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null)
        : c;
    String name = str(in.name()).isEmpty() ? "service: " + GoFmt.q(serviceName) + " check" : in.name();
    return new ServiceCheck(name, str(in.type()), str(in.command()), emptyToNull(Nulls.strings(in.args())),
        str(in.path()), str(in.protocol()), str(in.portLabel()), str(in.addressMode()), num(in.interval()),
        num(in.timeout()), str(in.initialStatus()), bool(in.tlsSkipVerify()), str(in.method()), header(in.header()),
        checkRestart(serviceRestart, in.checkRestart()), str(in.grpcService()), bool(in.grpcUseTLS()));
  }

  /** Empty header map becomes null, and so does each empty value list. */
  private static Map<String, List<String>> header(Map<String, List<String>> h) {
    if (h == null || h.isEmpty()) {
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    h.forEach((k, v) -> out.put(k, emptyToNull(Nulls.strings(v))));
    return out;
  }

  /**
   * The service-level {@code check_restart} is the base, the check's own non-zero settings win;
   * Grace defaults to 1s once a CheckRestart exists.
   */
  private static CheckRestart checkRestart(CheckRestart service, CheckRestart check) {
    CheckRestart merged;
    if (service == null) {
      merged = check;
    } else if (check == null) {
      merged = service;
    } else {
      merged = new CheckRestart(
          num(check.limit()) > 0 ? check.limit() : service.limit(),
          check.grace() != null ? check.grace() : service.grace(),
          bool(check.ignoreWarnings()) || bool(service.ignoreWarnings()));
    }
    if (merged == null) {
      return null;
    }
    return new CheckRestart(num(merged.limit()), or(merged.grace(), SECOND), bool(merged.ignoreWarnings()));
  }
}
