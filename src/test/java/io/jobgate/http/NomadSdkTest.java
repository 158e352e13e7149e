package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.apimodel.JobDispatchResponse;
import com.hashicorp.nomad.apimodel.JobListStub;
import com.hashicorp.nomad.apimodel.JobPlanResponse;
import com.hashicorp.nomad.apimodel.JobSummary;
import com.hashicorp.nomad.apimodel.NetworkResource;
import com.hashicorp.nomad.apimodel.ParameterizedJobConfig;
import com.hashicorp.nomad.apimodel.PeriodicConfig;
import com.hashicorp.nomad.apimodel.Port;
import com.hashicorp.nomad.apimodel.Resources;
import com.hashicorp.nomad.apimodel.Task;
import com.hashicorp.nomad.apimodel.TaskGroup;
import com.hashicorp.nomad.apimodel.TaskGroupDiff;
import com.hashicorp.nomad.javasdk.ErrorResponseException;
import com.hashicorp.nomad.javasdk.EvaluationResponse;
import com.hashicorp.nomad.javasdk.JobVersionsResponseData;
import com.hashicorp.nomad.javasdk.NomadApiClient;
import com.hashicorp.nomad.javasdk.NomadApiConfiguration;
import com.hashicorp.nomad.javasdk.QueryOptions;
import com.hashicorp.nomad.javasdk.ServerQueryResponse;
import com.hashicorp.nomad.javasdk.ServerResponse;
import com.hashicorp.nomad.javasdk.WaitStrategy;
import io.jobgate.support.TestAgent;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Nomad Java SDK (0.8.6.1), unmodified, against a real agent. */
class NomadSdkTest {

  private static TestAgent t;
  private static NomadApiClient nomad;

  @BeforeAll
  static void start() {
    t = TestAgent.start();
    nomad = new NomadApiClient(new NomadApiConfiguration.Builder().setAddress(t.base).build());
  }

  @AfterAll
  static void stop() throws Exception {
    nomad.close();
    t.close();
  }

  /** A job as SDK users build it: only what they care about set; everything else goes as null. */
  static Job job(String id, int count) {
    Task task = new Task().setName("redis").setDriver("docker")
        .setConfig(Map.of("image", "redis:3.2"))
        .setResources(new Resources().setCpu(500).setMemoryMb(256)
            .setNetworks(List.of(new NetworkResource().setMBits(10)
                .setDynamicPorts(List.of(new Port().setLabel("db"))))));
    return new Job().setId(id).setName(id).setType("service").setDatacenters(List.of("dc1"))
        .setTaskGroups(List.of(new TaskGroup().setName("cache").setCount(count).setTasks(List.of(task))));
  }

  @Test
  void registerListInfoSummaryVersionsDeregister() throws Exception {
    EvaluationResponse reg = nomad.getJobsApi().register(job("sdk-job", 1));
    assertEquals(36, reg.getValue().length());

    ServerQueryResponse<List<JobListStub>> list = nomad.getJobsApi().list("sdk-job");
    assertEquals(1, list.getValue().size());
    assertEquals("sdk-job", list.getValue().get(0).getId());
    assertTrue(list.getIndex().signum() > 0);
    assertTrue(list.hadKnownLeader());

    Job info = nomad.getJobsApi().info("sdk-job").getValue();
    assertEquals("sdk-job", info.getId());
    assertEquals("pending", info.getStatus());
    assertEquals(BigInteger.ZERO, info.getVersion());
    assertEquals(300, info.getTaskGroups().get(0).getEphemeralDisk().getSizeMb());

    JobSummary summary = nomad.getJobsApi().summary("sdk-job").getValue();
    assertEquals(0, summary.getSummary().get("cache").getRunning());

    // A job read back from the server and sent again unchanged is not a new version.
    nomad.getJobsApi().register(info);
    assertEquals(BigInteger.ZERO, nomad.getJobsApi().info("sdk-job").getValue().getVersion());

    nomad.getJobsApi().register(job("sdk-job", 2));
    JobVersionsResponseData versions = nomad.getJobsApi().versions("sdk-job").getValue();
    assertEquals(2, versions.getVersions().size());
    assertEquals(BigInteger.ONE, versions.getVersions().get(0).getVersion());

    nomad.getJobsApi().deregister("sdk-job");
    assertTrue(nomad.getJobsApi().info("sdk-job").getValue().getStop());
    nomad.getJobsApi().deregister("sdk-job", true);
    ErrorResponseException gone = assertThrows(ErrorResponseException.class,
        () -> nomad.getJobsApi().info("sdk-job"));
    assertEquals(404, gone.getServerErrorCode());
    assertEquals("job not found", gone.getServerErrorMessage());
  }

  @Test
  void checkAndSetThroughTheSdk() throws Exception {
    nomad.getJobsApi().register(job("sdk-cas", 1));
    BigInteger jmi = nomad.getJobsApi().info("sdk-cas").getValue().getJobModifyIndex();
    ErrorResponseException e = assertThrows(ErrorResponseException.class,
        () -> nomad.getJobsApi().register(job("sdk-cas", 2), jmi.add(BigInteger.TEN)));
    assertEquals(400, e.getServerErrorCode());
    assertTrue(e.getServerErrorMessage().startsWith("Enforcing job modify index"));
    nomad.getJobsApi().register(job("sdk-cas", 2), jmi);
    assertEquals(2, nomad.getJobsApi().info("sdk-cas").getValue().getTaskGroups().get(0).getCount());
  }

  @Test
  void revertStableAndEvaluateThroughTheSdk() throws Exception {
    nomad.getJobsApi().register(job("sdk-rev", 1));
    nomad.getJobsApi().register(job("sdk-rev", 3));
    nomad.getJobsApi().revert("sdk-rev", BigInteger.ZERO, BigInteger.ONE);
    Job reverted = nomad.getJobsApi().info("sdk-rev").getValue();
    assertEquals(BigInteger.TWO, reverted.getVersion());
    assertEquals(1, reverted.getTaskGroups().get(0).getCount());
    nomad.getJobsApi().stable("sdk-rev", BigInteger.TWO, true);
    assertTrue(nomad.getJobsApi().info("sdk-rev").getValue().getStable());
    assertEquals(36, nomad.getJobsApi().forceEvaluate("sdk-rev").getValue().length());
    assertFalse(nomad.getJobsApi().evaluations("sdk-rev").getValue().isEmpty());
    assertTrue(nomad.getJobsApi().allocations("sdk-rev").getValue().isEmpty());
    assertNull(nomad.getJobsApi().latestDeployment("sdk-rev").getValue());
    assertNotNull(nomad.getJobsApi().deployments("sdk-rev").getValue());
  }

  @Test
  void sdkBlockingQueryWaitsForTheChange() throws Exception {
    nomad.getJobsApi().register(job("sdk-block", 1));
    ServerQueryResponse<Job> first = nomad.getJobsApi().info("sdk-block");
    long start = System.nanoTime();
    CompletableFuture<ServerQueryResponse<Job>> next = CompletableFuture.supplyAsync(() -> {
      try {
        return nomad.getJobsApi().info("sdk-block", new QueryOptions<Job>().setIndex(first.getIndex())
            .setWaitStrategy(WaitStrategy.waitForSeconds(10)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300);
    assertFalse(next.isDone(), "the blocking query answered before anything changed");
    nomad.getJobsApi().register(job("sdk-block", 4));
    ServerQueryResponse<Job> woke = next.get(10, TimeUnit.SECONDS);
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);
    assertEquals(4, woke.getValue().getTaskGroups().get(0).getCount());
    assertEquals(woke.getValue().getModifyIndex(), woke.getIndex());
  }

  /** A batch job with one exec task, as SDK users build it. */
  static Job batch(String id) {
    Task task = new Task().setName("t").setDriver("exec").setConfig(Map.of("command", "/bin/true"));
    return new Job().setId(id).setName(id).setType("batch").setDatacenters(List.of("dc1"))
        .setTaskGroups(List.of(new TaskGroup().setName("work").setTasks(List.of(task))));
  }

  @Test
  void dispatchThroughTheSdk() throws Exception {
    nomad.getJobsApi().register(batch("sdk-param").setParameterizedJob(new ParameterizedJobConfig()
        .setPayload("optional").setMetaRequired(List.of("color"))));
    byte[] payload = {1, 2, 3};
    JobDispatchResponse reply = nomad.getJobsApi().dispatch("sdk-param", Map.of("color", "red"), payload).getValue();
    assertTrue(reply.getDispatchedJobId().matches("sdk-param/dispatch-\\d+-[0-9a-f]{8}"), reply.getDispatchedJobId());
    assertEquals(36, reply.getEvalId().length());
    assertEquals(reply.getJobCreateIndex().add(BigInteger.ONE), reply.getEvalCreateIndex());
    Job child = nomad.getJobsApi().info(reply.getDispatchedJobId()).getValue();
    assertEquals("sdk-param", child.getParentId());
    assertEquals("red", child.getMeta().get("color"));
    assertArrayEquals(payload, child.getPayload());

    ErrorResponseException e = assertThrows(ErrorResponseException.class,
        () -> nomad.getJobsApi().dispatch("sdk-param", Map.of("shade", "dark")));
    assertEquals(400, e.getServerErrorCode());
    assertEquals("Dispatch request included unpermitted metadata keys: [shade]", e.getServerErrorMessage());
  }

  @Test
  void planThroughTheSdk() throws Exception {
    nomad.getJobsApi().register(job("sdk-plan", 1));
    BigInteger jmi = nomad.getJobsApi().info("sdk-plan").getValue().getJobModifyIndex();
    ServerResponse<JobPlanResponse> plan = nomad.getJobsApi().plan(job("sdk-plan", 3), true);
    JobPlanResponse reply = plan.getValue();
    assertEquals(jmi, reply.getJobModifyIndex());
    assertEquals(jmi, plan.getIndex());
    assertEquals(BigInteger.valueOf(3), reply.getAnnotations().getDesiredTgUpdates().get("cache").getPlace());
    assertEquals("Edited", reply.getDiff().getType());
    TaskGroupDiff group = reply.getDiff().getTaskGroups().get(0);
    assertEquals("Count", group.getFields().get(0).getName());
    assertEquals(List.of("forces create"), group.getFields().get(0).getAnnotations());
    assertEquals(Map.of("create", BigInteger.valueOf(3)), group.getUpdates());
    assertTrue(reply.getNextPeriodicLaunch().before(new Date(0)), "the zero time: not periodic");
    nomad.getJobsApi().register(job("sdk-plan", 3), reply.getJobModifyIndex());
    assertEquals(3, nomad.getJobsApi().info("sdk-plan").getValue().getTaskGroups().get(0).getCount());
  }

  @Test
  void periodicForceThroughTheSdk() throws Exception {
    nomad.getJobsApi().register(batch("sdk-cron").setPeriodic(new PeriodicConfig().setSpec("0 0 1 1 * 2099")));
    String evalId = nomad.getJobsApi().periodicForce("sdk-cron").getValue();
    assertEquals(36, evalId.length());
    List<JobListStub> children = nomad.getJobsApi().list("sdk-cron/periodic-").getValue();
    assertEquals(1, children.size());
    assertEquals("sdk-cron", children.get(0).getParentId());
    ErrorResponseException e = assertThrows(ErrorResponseException.class,
        () -> nomad.getJobsApi().periodicForce("sdk-param-none"));
    assertEquals("job not found", e.getServerErrorMessage());
  }

  /** The SDK cannot read diffs (see JobVersionsResponse); asking for them must still work. */
  @Test
  void versionsWithDiffsStillParseInTheSdk() throws Exception {
    nomad.getJobsApi().register(job("sdk-vdiff", 1));
    nomad.getJobsApi().register(job("sdk-vdiff", 2));
    JobVersionsResponseData versions = nomad.getJobsApi().versions("sdk-vdiff", true).getValue();
    assertEquals(2, versions.getVersions().size());
    assertNull(versions.getJobDiffs());
  }
}
