package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.nomad.apimodel.AclPolicy;
import com.hashicorp.nomad.apimodel.AclToken;
import com.hashicorp.nomad.apimodel.JobListStub;
import com.hashicorp.nomad.apimodel.Namespace;
import com.hashicorp.nomad.javasdk.ErrorResponseException;
import com.hashicorp.nomad.javasdk.NomadApiClient;
import com.hashicorp.nomad.javasdk.NomadApiConfiguration;
import com.hashicorp.nomad.javasdk.QueryOptions;
import io.jobgate.config.AgentConfig;
import io.jobgate.config.TlsConfig;
import io.jobgate.support.TestAgent;
import io.jobgate.support.TestCerts;
import io.jobgate.support.TestCerts.Issued;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Nomad Java SDK (0.8.6.1) with ACL tokens, namespaces and mutual TLS. */
class NomadSdkAccessTest {

  private static NomadApiClient client(String address, String token) {
    return new NomadApiClient(new NomadApiConfiguration.Builder().setAddress(address).setAuthToken(token).build());
  }

  @Test
  void aclsAndNamespacesThroughTheSdk() throws Exception {
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withAclEnabled(true));
        NomadApiClient anonymous = client(t.base, null)) {
      AclToken root = anonymous.getAclTokensApi().bootstrap().getValue();
      assertEquals("management", root.getType());
      assertNotNull(root.getCreateTime());
      try (NomadApiClient admin = client(t.base, root.getSecretId())) {
        admin.getAclPoliciesApi().upsert(new AclPolicy().setName("dev-writer").setDescription("dev jobs")
            .setRules("namespace \"dev\" { policy = \"write\" }"));
        assertEquals("dev jobs", admin.getAclPoliciesApi().info("dev-writer").getValue().getDescription());
        AclToken dev = admin.getAclTokensApi().create(new AclToken().setName("dev").setType("client")
            .addPolicies("dev-writer")).getValue();
        assertEquals(36, dev.getSecretId().length());
        assertTrue(admin.getAclTokensApi().list().getValue().stream()
            .anyMatch(s -> s.getAccessorId().equals(dev.getAccessorId())));

        admin.getNamespacesApi().register(new Namespace().setName("dev").setDescription("development"));
        assertEquals("development", admin.getNamespacesApi().info("dev").getValue().getDescription());

        try (NomadApiClient developer = client(t.base, dev.getSecretId())) {
          developer.setNamespace("dev");
          developer.getJobsApi().register(NomadSdkTest.job("api", 1).setNamespace("dev"));
          List<JobListStub> jobs = developer.getJobsApi().list().getValue();
          assertEquals(1, jobs.size());
          assertEquals("api", jobs.get(0).getId());
          assertEquals(List.of("dev"), developer.getNamespacesApi().list().getValue().stream()
              .map(Namespace::getName).toList());
          assertEquals(dev.getAccessorId(), developer.getAclTokensApi().self().getValue().getAccessorId());

          ErrorResponseException denied = assertThrows(ErrorResponseException.class,
              () -> developer.getJobsApi().list(new QueryOptions<List<JobListStub>>().setNamespace("default")));
          assertEquals(403, denied.getServerErrorCode());
          assertEquals("Permission denied", denied.getServerErrorMessage());
        }
        admin.getAclTokensApi().delete(dev.getAccessorId());
        admin.getAclPoliciesApi().delete("dev-writer");
      }
    }
  }

  @Test
  void mutualTlsThroughTheSdk(@TempDir Path dir) throws Exception {
    Issued ca = TestCerts.ca("sdk CA");
    ca.write(dir, "ca");
    TestCerts.leaf(ca, "server").write(dir, "server");
    TestCerts.leaf(ca, "sdk-client").write(dir, "client");
    TlsConfig tls = new TlsConfig(true, dir.resolve("server.pem").toString(), dir.resolve("server-key.pem").toString(),
        dir.resolve("ca.pem").toString(), true);
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withTls(tls));
        NomadApiClient nomad = new NomadApiClient(new NomadApiConfiguration.Builder()
            .setAddress("https://127.0.0.1:" + t.agent.port())
            .setTlsCaFile(dir.resolve("ca.pem").toString())
            .setTlsCertAndKeyFiles(dir.resolve("client.pem").toString(), dir.resolve("client-key.pem").toString())
            .build())) {
      nomad.getJobsApi().register(NomadSdkTest.job("over-tls", 1));
      assertEquals("over-tls", nomad.getJobsApi().info("over-tls").getValue().getId());
    }
  }
}
