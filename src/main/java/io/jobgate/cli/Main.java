package io.jobgate.cli;

import io.jobgate.config.AgentConfig;
import io.jobgate.config.ConfigException;
import io.jobgate.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code jobgate} command line; flags follow Nomad's single-dash style. */
@Command(name = "jobgate", mixinStandardHelpOptions = true, version = "jobgate 0.1.0",
    description = "Nomad's Jobs HTTP API with blocking queries.",
    subcommands = {Main.AgentCommand.class, OperatorCommand.class})
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

    @Option(names = "-data-dir", paramLabel = "DIR", description = "Where durable state lives (not with -dev).")
    String dataDir;

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
          .withDataDir(dataDir != null ? dataDir : config.dataDir());
      Agent agent;
      try {
        agent = Agent.start(config).toCompletionStage().toCompletableFuture().get();
      } catch (ExecutionException e) {
        System.err.println("jobgate: cannot start: " + e.getCause().getMessage());
        return 1;
      }
      System.out.println("==> jobgate agent started: http://" + config.bindAddr() + ":" + agent.port()
          + (config.dev() ? " (dev mode, in memory)" : " (data dir " + config.dataDir() + ", index "
          + agent.store().snapshot().index() + ")"));
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
