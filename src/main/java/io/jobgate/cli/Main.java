package io.jobgate.cli;

import io.jobgate.config.AgentConfig;
import io.jobgate.config.ConfigException;
import io.jobgate.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code jobgate} command line; flags follow Nomad's single-dash style. */
@Command(name = "jobgate", mixinStandardHelpOptions = true, version = "jobgate 0.1.0",
    description = "Nomad's Jobs HTTP API with blocking queries.",
    subcommands = {Main.AgentCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "agent", description = "Run the agent: the API, the store and the simulated cluster.")
  static final class AgentCommand implements Callable<Integer> {

    @Option(names = "-dev", description = "Development mode: in memory, default fleet.")
    boolean dev;

    @Option(names = "-config", paramLabel = "FILE", description = "A YAML config file (see conf/jobgate.yaml).")
    Path configFile;

    @Option(names = "-bind", paramLabel = "ADDR", description = "Address to bind the HTTP API to.")
    String bind;

    @Option(names = "-http-port", paramLabel = "N", description = "Port of the HTTP API.")
    Integer httpPort;

    @Option(names = "-acl-enabled", description = "Enforce ACL tokens and policies (acl.enabled).")
    boolean aclEnabled;

    @Override
    public Integer call() throws Exception {
      AgentConfig config = AgentConfig.defaults();
      try {
        if (configFile != null) {
          config = ConfigLoader.load(configFile, config);
        }
      } catch (ConfigException e) {
        System.err.println("jobgate: " + e.getMessage());
        return 1;
      }
      config = config.withBind(bind != null ? bind : config.bindAddr(),
          httpPort != null ? httpPort : config.httpPort()).withDev(dev || config.dev())
          .withAclEnabled(aclEnabled || config.aclEnabled());
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
            System.out.println("==> TLS certificate reloaded");
          } else {
            System.err.println("jobgate: TLS reload failed, keeping the old certificate: " + ar.cause().getMessage());
          }
        }));
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          agent.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception ignored) {
          // exiting anyway
        } finally {
          stopped.countDown();
        }
      }, "jobgate-shutdown"));
      stopped.await();
      return 0;
    }
  }
}
