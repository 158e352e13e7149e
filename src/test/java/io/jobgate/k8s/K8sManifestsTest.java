package io.jobgate.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.jobgate.config.AgentConfig;
import io.jobgate.config.ConfigLoader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the kustomize base and every overlay with {@code kubectl kustomize} into
 * {@code target/k8s-rendered/}, then checks each rendered object against the Kubernetes object
 * model (fabric8's, generated from the API's OpenAPI schema) strictly: an unknown or misspelt
 * field, or a value of the wrong type, fails. The ServiceMonitor is checked against fabric8's
 * Prometheus Operator model. On top of the schema, the rules the agent relies on: probes on its
 * real endpoints, a grace period above its shutdown bound, selectors that match, a config it
 * accepts. Without kubectl the test is skipped — except under CI, where it fails.
 */
class K8sManifestsTest {

  private static final Path K8S = Path.of("k8s");
  private static final Path RENDERED = Path.of("target", "k8s-rendered");

  /** Every kind the manifests may hold, by apiVersion and kind: anything else is a mistake. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/ConfigMap", ConfigMap.class,
      "v1/Service", Service.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
      "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

  /**
   * fabric8's classes keep unknown fields in an "additional properties" map (a JsonAnySetter);
   * turning those off makes Jackson refuse any field the schema does not have.
   */
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public Boolean hasAnySetter(Annotated a) {
          return Boolean.FALSE;
        }
      });
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Map<String, List<HasMetadata>> RENDERINGS = new TreeMap<>();

  @BeforeAll
  static void render() throws Exception {
    String kubectl = onPath("kubectl");
    if (kubectl == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("kubectl is missing: CI must render the manifests (.ci/run installs kubernetes-client)");
      }
      Assumptions.abort("kubectl is not installed; the manifests were not rendered");
    }
    Files.createDirectories(RENDERED);
    List<Path> targets = new ArrayList<>();
    targets.add(K8S.resolve("base"));
    try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
      overlays.filter(Files::isDirectory).sorted().forEach(targets::add);
    }
    for (Path dir : targets) {
      String name = dir.getFileName().toString();
      Path out = RENDERED.resolve(name + ".yaml");
      // Standard output to the file (kubectl 1.20, Debian's, has no -o for kustomize); newer
      // kustomize warns on standard error about the fields kept for the older one.
      Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectOutput(out.toFile()).start();
      String output = new String(p.getErrorStream().readAllBytes());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " hung");
      assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ": " + output);
      RENDERINGS.put(name, parse(out));
    }
  }

  private static String onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  /** Reads every document of a rendering through the strict model; fails on the first bad one. */
  private static List<HasMetadata> parse(Path file) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> cls = KINDS.get(type);
        assertNotNull(cls, file + ": unexpected object " + type);
        try {
          objects.add(STRICT.treeToValue(doc, cls));
        } catch (IOException e) {
          fail(file + ": " + type + " " + doc.path("metadata").path("name").asText() + " does not match the "
              + "Kubernetes schema: " + e.getMessage());
        }
      }
    }
    return objects;
  }

  private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> cls) {
    return objects.stream().filter(cls::isInstance).map(cls::cast).toList();
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> cls) {
    List<T> found = all(objects, cls);
    assertEquals(1, found.size(), "expected exactly one " + cls.getSimpleName());
    return found.get(0);
  }

  @Test
  void everyRenderingHoldsOnlySchemaValidObjects() {
    assertTrue(RENDERINGS.keySet().containsAll(List.of("base", "dev", "prod")), RENDERINGS.keySet().toString());
    RENDERINGS.forEach((name, objects) -> {
      assertEquals(Map.of("ConfigMap", 2L, "Service", 2L, "StatefulSet", 1L, "PodDisruptionBudget", 1L,
          "NetworkPolicy", 1L, "ServiceMonitor", 1L),
          objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting())),
          name);
    });
  }

  @Test
  void theSchemaCheckRefusesAnUnknownField(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  prots: []\n");
    AssertionError e = assertThrows(AssertionError.class, () -> parse(bad));
    assertTrue(e.getMessage().contains("prots"), e.getMessage());
  }

  @Test
  void theAgentRunsAsOneNonRootReadOnlyPodWithProbesOnItsEndpoints() {
    RENDERINGS.forEach((name, objects) -> {
      StatefulSet sts = one(objects, StatefulSet.class);
      var pod = sts.getSpec().getTemplate().getSpec();
      assertEquals(1, sts.getSpec().getReplicas(), name);
      assertEquals(Boolean.FALSE, pod.getEnableServiceLinks(), name + ": service links would inject JOBGATE_*");
      assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name);
      Container c = pod.getContainers().get(0);
      assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), name);
      assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), name);
      assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), name);
      for (String r : List.of("cpu", "memory")) {
        assertNotNull(c.getResources().getRequests().get(r), name + ": request " + r);
        assertNotNull(c.getResources().getLimits().get(r), name + ": limit " + r);
      }
      assertEquals("http", c.getPorts().get(0).getName());
      assertEquals(AgentConfig.DEFAULT_HTTP_PORT, c.getPorts().get(0).getContainerPort());
      probe(name, c.getStartupProbe(), "/v1/agent/health");
      probe(name, c.getLivenessProbe(), "/v1/agent/health");
      probe(name, c.getReadinessProbe(), "/ready");
      assertEquals("/tmp", c.getVolumeMounts().stream().filter(m -> m.getName().equals("tmp")).findFirst()
          .orElseThrow().getMountPath(), name + ": a read-only root needs a writable /tmp");
    });
  }

  private static void probe(String name, Probe p, String path) {
    assertNotNull(p, name + ": probe on " + path);
    assertEquals(path, p.getHttpGet().getPath(), name);
    assertEquals("http", p.getHttpGet().getPort().getStrVal(), name);
  }

  /** The env and the mounted file, resolved exactly as the agent will: it must start, and stop in time. */
  @Test
  void theAgentAcceptsItsConfigAndStopsWithinTheGracePeriod(@TempDir Path dir) throws IOException {
    for (var e : RENDERINGS.entrySet()) {
      String name = e.getKey();
      StatefulSet sts = one(e.getValue(), StatefulSet.class);
      Container c = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
      ConfigMap config = all(e.getValue(), ConfigMap.class).stream()
          .filter(m -> m.getMetadata().getName().startsWith("jobgate-config-")).findFirst().orElseThrow();
      String file = config.getData().get("jobgate.yaml");
      assertEquals(Files.readString(Path.of("conf/jobgate.yaml")), file, name + ": the ConfigMap is conf/jobgate.yaml");
      assertEquals(List.of("agent", "-config", "/etc/jobgate/jobgate.yaml"), c.getArgs());
      Path mounted = dir.resolve(name + ".yaml");
      Files.writeString(mounted, file);
      Map<String, String> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
      AgentConfig agent = ConfigLoader.resolve(mounted, env, List.of(), false);
      assertEquals("0.0.0.0", agent.bindAddr(), name);
      String dataMount = c.getVolumeMounts().stream().filter(m -> m.getName().equals("data")).findFirst()
          .orElseThrow().getMountPath();
      assertEquals(dataMount, agent.dataDir(), name + ": the data dir is the volume");
      assertEquals(1, sts.getSpec().getVolumeClaimTemplates().size(), name);
      long grace = sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
      assertTrue(grace * 1000 > agent.shutdownTimeout().toMillis(),
          name + ": terminationGracePeriodSeconds " + grace + " must exceed shutdown.timeout " + agent.shutdownTimeout());
    }
  }

  @Test
  void selectorsFindThePodAndPrometheusScrapesItOnce() {
    RENDERINGS.forEach((name, objects) -> {
      StatefulSet sts = one(objects, StatefulSet.class);
      Map<String, String> podLabels = sts.getSpec().getTemplate().getMetadata().getLabels();
      assertTrue(podLabels.entrySet().containsAll(sts.getSpec().getSelector().getMatchLabels().entrySet()), name);
      List<Service> services = all(objects, Service.class);
      for (Service s : services) {
        assertTrue(podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()), name + ": " + s);
      }
      Service headless = services.stream().filter(s -> "None".equals(s.getSpec().getClusterIP())).findFirst()
          .orElseThrow();
      assertEquals(headless.getMetadata().getName(), sts.getSpec().getServiceName(), name);
      PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
      assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), name);
      NetworkPolicy np = one(objects, NetworkPolicy.class);
      assertTrue(podLabels.entrySet().containsAll(np.getSpec().getPodSelector().getMatchLabels().entrySet()), name);
      assertEquals("http", np.getSpec().getIngress().get(0).getPorts().get(0).getPort().getStrVal(), name);

      ServiceMonitor sm = one(objects, ServiceMonitor.class);
      Map<String, String> wanted = sm.getSpec().getSelector().getMatchLabels();
      List<Service> scraped = services.stream()
          .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(wanted.entrySet())).toList();
      assertEquals(1, scraped.size(), name + ": the ServiceMonitor must select exactly one Service");
      var endpoint = sm.getSpec().getEndpoints().get(0);
      assertEquals("/metrics", endpoint.getPath(), name);
      assertTrue(scraped.get(0).getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(endpoint.getPort())),
          name + ": the ServiceMonitor's port is a named port of the Service");
    });
  }
}
