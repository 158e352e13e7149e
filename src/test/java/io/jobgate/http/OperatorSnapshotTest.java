package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.cli.Main;
import io.jobgate.config.AgentConfig;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code /v1/operator/snapshot} and {@code jobgate operator snapshot save|restore}. */
class OperatorSnapshotTest {

  @TempDir
  Path dir;

  private static int cli(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Test
  void saveThenMoreWritesThenRestoreBringsBackTheSavedStateDurably() throws Exception {
    Path file = dir.resolve("backup.snap");
    long restoreIndex;
    try (TestAgent a = TestAgent.startDurable(dir.resolve("data"))) {
      a.put("/v1/jobs", Jobs.example("a"));
      a.put("/v1/jobs", Jobs.example("b"));
      assertEquals(0, cli("operator", "snapshot", "save", "-address", a.base, file.toString()));

      a.put("/v1/jobs", Jobs.example("c"));
      long last = a.index(a.delete("/v1/job/a?purge=true"));
      assertEquals(404, a.get("/v1/job/a").statusCode());
      CompletableFuture<HttpResponse<String>> watcher = a.http().sendAsync(
          HttpRequest.newBuilder(URI.create(a.base + "/v1/jobs?index=" + last + "&wait=60s")).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(200);

      assertEquals(0, cli("operator", "snapshot", "restore", "-address", a.base, file.toString()));
      HttpResponse<String> woken = watcher.get();
      restoreIndex = a.index(woken);
      assertTrue(restoreIndex > last, "a restore moves indexes forward, never back: " + restoreIndex);
      assertEquals(200, a.get("/v1/job/a").statusCode());
      assertEquals(404, a.get("/v1/job/c").statusCode());
      assertTrue(a.index(a.put("/v1/jobs", Jobs.example("d"))) > restoreIndex);
    }
    try (TestAgent b = TestAgent.startDurable(dir.resolve("data"))) {
      assertEquals(200, b.get("/v1/job/a").statusCode(), "the restore itself was durable");
      assertEquals(200, b.get("/v1/job/b").statusCode());
      assertEquals(404, b.get("/v1/job/c").statusCode());
      assertEquals(200, b.get("/v1/job/d").statusCode());
    }
  }

  @Test
  void withAclsOnlyAManagementTokenMaySaveRestoreOrCollect() {
    try (TestAgent a = TestAgent.start(AgentConfig.defaults().withAclEnabled(true))) {
      assertEquals(403, a.get("/v1/operator/snapshot").statusCode());
      assertEquals(403, a.put("/v1/operator/snapshot", "x").statusCode());
      assertEquals(403, a.put("/v1/system/gc", "").statusCode());
      HttpResponse<String> boot = a.post("/v1/acl/bootstrap", "");
      String secret = boot.body().replaceAll(".*\"SecretID\":\"([^\"]+)\".*", "$1");
      HttpResponse<String> saved = a.send(HttpRequest.newBuilder(URI.create(a.base + "/v1/operator/snapshot"))
          .header("X-Nomad-Token", secret).GET());
      assertEquals(200, saved.statusCode());
      assertEquals(200, a.send(HttpRequest.newBuilder(URI.create(a.base + "/v1/system/gc"))
          .header("X-Nomad-Token", secret).PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
    }
  }

  @Test
  void aDamagedSnapshotIsRefusedAndChangesNothing() throws Exception {
    try (TestAgent a = TestAgent.start()) {
      a.put("/v1/jobs", Jobs.example("keep"));
      HttpResponse<byte[]> saved = a.http().send(HttpRequest.newBuilder(URI.create(a.base + "/v1/operator/snapshot"))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, saved.statusCode());
      byte[] truncated = java.util.Arrays.copyOf(saved.body(), saved.body().length / 2);
      long before = a.index(a.get("/v1/jobs"));

      HttpResponse<String> r = a.put("/v1/operator/snapshot", new String(truncated, java.nio.charset.StandardCharsets.ISO_8859_1));
      assertEquals(400, r.statusCode());
      assertTrue(r.body().startsWith("snapshot cannot be read"), r.body());
      assertEquals(before, a.index(a.get("/v1/jobs")));
      assertEquals(200, a.get("/v1/job/keep").statusCode());

      Path file = dir.resolve("bad.snap");
      Files.write(file, truncated);
      assertEquals(1, cli("operator", "snapshot", "restore", "-address", a.base, file.toString()));
    }
  }
}
