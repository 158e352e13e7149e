package io.jobgate.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobgate operator snapshot save|restore FILE}: Nomad's commands, over HTTP to a running agent. */
@Command(name = "operator", description = "Operate a running agent.",
    subcommands = {OperatorCommand.Snapshot.class})
final class OperatorCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "snapshot", description = "Save or restore the agent's whole state.",
      subcommands = {Save.class, Restore.class})
  static final class Snapshot implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  /** Where the agent is: {@code -address}, else {@code NOMAD_ADDR}, else Nomad's default. */
  abstract static class Client {
    @Option(names = "-address", paramLabel = "ADDR", description = "The agent's HTTP address "
        + "(default: $NOMAD_ADDR, else http://127.0.0.1:4646).")
    String address;

    @Option(names = "-token", paramLabel = "SECRET", description = "A management token's secret "
        + "(default: $NOMAD_TOKEN); needed when ACLs are on.")
    String token;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A request to the agent, with the token if there is one. */
    HttpRequest.Builder request(String path) {
      String base = address != null ? address : System.getenv().getOrDefault("NOMAD_ADDR", "http://127.0.0.1:4646");
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path));
      String secret = token != null ? token : System.getenv("NOMAD_TOKEN");
      return secret == null || secret.isEmpty() ? b : b.header("X-Nomad-Token", secret);
    }

    static int refused(String what, int status, String body) {
      System.err.println("jobgate: " + what + " failed: " + status + " " + body.trim());
      return 1;
    }
  }

  @Command(name = "save", description = "Save a point-in-time snapshot of the agent's state to FILE.")
  static final class Save extends Client implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".part");
      try {
        HttpResponse<Path> r = http.send(request("/v1/operator/snapshot").GET().build(),
            HttpResponse.BodyHandlers.ofFile(tmp));
        if (r.statusCode() != 200) {
          return refused("snapshot save", r.statusCode(), Files.readString(tmp, StandardCharsets.UTF_8));
        }
        // Complete or absent: a file at FILE is never a partial snapshot.
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("State file written to " + file + " (index "
            + r.headers().firstValue("X-Nomad-Index").orElse("?") + ")");
        return 0;
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  @Command(name = "restore", description = "Replace the agent's whole state with the snapshot in FILE.")
  static final class Restore extends Client implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(request("/v1/operator/snapshot")
          .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return refused("snapshot restore", r.statusCode(), r.body());
      }
      System.out.println("Snapshot restored (index " + r.headers().firstValue("X-Nomad-Index").orElse("?") + ")");
      return 0;
    }
  }
}
