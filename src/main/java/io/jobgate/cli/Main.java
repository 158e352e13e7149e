package io.jobgate.cli;

import io.jobgate.config.AgentConfig;
import io.jobgate.config.ConfigException;
import io.jobgate.config.ConfigLoader;
import io.jobgate.config.ConfigLoader.Flag;
import io.jobgate.config.Settings;
import io.jobgate.logging.Log;
import io.jobgate.logging.Logging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code jobgate} command line; flags follow Nomad's single-dash style. */
@Command(name = "jobgate", mixinStandardHelpOptions = true, version = "jobgate 0.1.0",
    description = "Nomad's Jobs HTTP API with blocking queries.",
    subcommands = {Main.AgentCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    int status = new CommandLine(new Main()).execute(args);
    Logging.flush();
    System.exit(status);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "agent", description = {"Run the agent: the API, the store and the simulated cluster.",
      "Settings: defaults < -config FILE < JOBGATE_* environment < flags (see conf/jobgate.yaml)."})
  static final class AgentCommand implements Callable<Integer> {

    private static final Log LOG = Log.get("jobgate.agent");

    @Option(names = "-dev", description = "Development mode: in memory, default fleet.")
    boolean dev;

    @Option(names = "-config", paramLabel = "FILE", description = "A YAML config file (see conf/jobgate.yaml).")
    Path configFile;

    @Option(names = "-bind", paramLabel = "ADDR", description = "Address to bind the HTTP API to (bind_addr).")
    String bind;

    @Option(names = "-http-port", paramLabel = "N", description = "Port of the HTTP API (http_port).")
    String httpPort;

    @Option(names = "-acl-enabled", description = "Enforce ACL tokens and policies (acl.enabled).")
    boolean aclEnabled;

    @Override
    public Integer call() throws Exception {
      AgentConfig config;
      try {
        config = ConfigLoader.resolve(configFile, System.getenv(), flags(), dev);
      } catch (ConfigException e) {
        System.err.println("jobgate: " + e.getMessage());
        return 1;
      }
      Logging.configure(config.logLevel(), config.logFormat());
      CountDownLatch stop = TerminationSignals.install();
      Agent agent;
      try {
        agent = Agent.start(config).toCompletionStage().toCompletableFuture().get();
      } catch (Exception e) {
        System.err.println("jobgate: cannot start: " + e.getMessage());
        return 1;
      }
      System.out.println("==> jobgate agent started: " + (config.tls().enabled() ? "https" : "http") + "://"
          + config.bindAddr() + ":" + agent.port() + (config.dev() ? " (dev mode, in memory)" : ""));
      if (config.tls().enabled()) {
        HangupSignal.onHangup(() -> agent.reloadTls().onComplete(ar -> {
          if (ar.succeeded()) {
            LOG.info("TLS certificate reloaded");
          } else {
            LOG.error("TLS reload failed, keeping the old certificate", ar.cause());
          }
        }));
      }
      stop.await();
      try {
        agent.shutdown().toCompletionStage().toCompletableFuture()
            .get(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return 0;
      } catch (TimeoutException e) {
        LOG.error("shutdown did not finish within shutdown.timeout; exiting anyway", null,
            "timeout_ms", config.shutdownTimeout().toMillis());
        return 1;
      } catch (ExecutionException e) {
        LOG.error("shutdown failed", e.getCause());
        return 1;
      }
    }

    private List<Flag> flags() {
      List<Flag> flags = new ArrayList<>();
      if (bind != null) {
        flags.add(new Flag("-bind", Settings.BIND_ADDR, bind));
      }
      if (httpPort != null) {
        flags.add(new Flag("-http-port", Settings.HTTP_PORT, httpPort));
      }
      if (aclEnabled) {
        flags.add(new Flag("-acl-enabled", Settings.ACL_ENABLED, "true"));
      }
      return flags;
    }
  }
}
