package io.jobgate.structs;

import static io.jobgate.support.Diffs.field;
import static io.jobgate.support.Diffs.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobgate.support.Diffs;
import io.jobgate.support.Jobs;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Parts of Nomad's diff that the plan API tests do not reach: services and checks, networks and
 * ports, string sets, periodic and parameterized blocks, Go's number formatting in driver config.
 */
class JobDifferTest {

  private static Job job(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Jobs.example("d")).get("Job");
    edit.accept(body);
    return JobCanonicalizer.canonicalize(Json.MAPPER.treeToValue(body, Job.class));
  }

  private static ObjectNode task(ObjectNode job) {
    return (ObjectNode) job.get("TaskGroups").get(0).get("Tasks").get(0);
  }

  private static JsonNode taskObjects(Job a, Job b) {
    JsonNode diff = Json.MAPPER.valueToTree(JobDiffer.diff(a, b));
    return diff.get("TaskGroups").get(0).get("Tasks").get(0).get("Objects");
  }

  private static JsonNode jobObjects(Job a, Job b) {
    return Json.MAPPER.<JsonNode>valueToTree(JobDiffer.diff(a, b)).get("Objects");
  }

  @Test
  void identicalJobsDiffAsNone() throws Exception {
    JobDiff diff = JobDiffer.diff(job(j -> { }), job(j -> { }));
    assertEquals(DiffType.NONE, diff.type());
    assertEquals(null, diff.fields());
    assertEquals(null, diff.objects());
    assertEquals(DiffType.NONE, diff.taskGroups().get(0).type());
  }

  @Test
  void aRemovedJobIsDeleted() throws Exception {
    JobDiff diff = JobDiffer.diff(job(j -> { }), null);
    assertEquals(DiffType.DELETED, diff.type());
    assertEquals("d", diff.id());
    assertEquals(DiffType.DELETED, diff.taskGroups().get(0).type());
  }

  @Test
  void datacentersAreASet() throws Exception {
    Job a = job(j -> j.set("Datacenters", Diffs.parse("[\"dc1\",\"dc2\"]")));
    assertTrue(jobObjects(a, job(j -> j.set("Datacenters", Diffs.parse("[\"dc2\",\"dc1\"]")))).isNull());
    assertEquals(Diffs.parse("[" + object("Edited", "Datacenters", field("Added", "Datacenters", "", "dc3"),
        field("Deleted", "Datacenters", "dc1", ""), field("None", "Datacenters", "dc2", "dc2")) + "]"),
        jobObjects(a, job(j -> j.set("Datacenters", Diffs.parse("[\"dc2\",\"dc3\"]")))));
  }

  @Test
  void servicesCarryTagSetsAndChecksWithHeaders() throws Exception {
    String service = "[{\"Name\":\"db\",\"PortLabel\":\"db\",\"Tags\":[\"a\",\"b\"],\"Checks\":[{\"Name\":\"alive\","
        + "\"Type\":\"http\",\"Path\":\"/\",\"Interval\":10000000000,\"Timeout\":2000000000%s}]}]";
    Job a = job(j -> task(j).set("Services", Diffs.parse(String.format(service, ""))));
    Job b = job(j -> task(j).set("Services", Diffs.parse(String.format(service.replace("\"b\"", "\"c\""),
        ",\"Header\":{\"X-Key\":[\"v\"]}"))));
    assertEquals(Diffs.parse("[" + object("Edited", "Service",
        field("None", "AddressMode", "auto", "auto"), field("None", "Name", "db", "db"),
        field("None", "PortLabel", "db", "db"), null,
        object("Edited", "Tags", field("Added", "Tags", "", "c"), field("None", "Tags", "a", "a"),
            field("Deleted", "Tags", "b", "")),
        object("Edited", "Check", field("None", "AddressMode", "", ""), field("None", "Command", "", ""),
            field("None", "GRPCService", "", ""), field("None", "GRPCUseTLS", "false", "false"),
            field("None", "InitialStatus", "", ""), field("None", "Interval", "10000000000", "10000000000"),
            field("None", "Method", "", ""), field("None", "Name", "alive", "alive"), field("None", "Path", "/", "/"),
            field("None", "PortLabel", "", ""), field("None", "Protocol", "", ""),
            field("None", "TLSSkipVerify", "false", "false"), field("None", "Timeout", "2000000000", "2000000000"),
            field("None", "Type", "http", "http"), null,
            object("Added", "Header", field("Added", "X-Key[0]", "", "v")))) + "]"),
        taskObjects(a, b));
  }

  @Test
  void networksAreASetWithPortObjects() throws Exception {
    Job a = job(j -> { });
    Job b = job(j -> ((ObjectNode) task(j).get("Resources").get("Networks").get(0)).put("MBits", 20)
        .set("ReservedPorts", Diffs.parse("[{\"Label\":\"admin\",\"Value\":8080}]")));
    assertEquals(Diffs.parse("[" + object("Edited", "Resources", field("None", "CPU", "500", "500"),
        field("None", "DiskMB", "0", "0"), field("None", "IOPS", "0", "0"), field("None", "MemoryMB", "256", "256"),
        null,
        object("Added", "Network", field("Added", "MBits", "", "20"), null,
            object("Added", "Static Port", field("Added", "Label", "", "admin"), field("Added", "Value", "", "8080")),
            object("Added", "Dynamic Port", field("Added", "Label", "", "db"))),
        object("Deleted", "Network", field("Deleted", "MBits", "10", ""), null,
            object("Deleted", "Dynamic Port", field("Deleted", "Label", "db", "")))) + "]"),
        taskObjects(a, b));
  }

  @Test
  void driverConfigNumbersPrintAsGoFloats() throws Exception {
    Job a = job(j -> { });
    Job b = job(j -> ((ObjectNode) task(j).get("Config")).put("memory", 1048576).put("ratio", 0.5)
        .putNull("unset").set("args", Diffs.parse("[\"-v\", true]")));
    assertEquals(Diffs.parse("[" + object("Edited", "Config", field("Added", "args[0]", "", "-v"),
        field("Added", "args[1]", "", "true"), field("None", "image", "redis:3.2", "redis:3.2"),
        field("Added", "memory", "", "1.048576e+06"), field("Added", "ratio", "", "0.5"),
        field("Added", "unset", "", "nil")) + "]"), taskObjects(a, b));
    assertEquals("6379", DiffFields.goFloat(6379));
    assertEquals("1e+21", DiffFields.goFloat(1e21));
    assertEquals("1e-05", DiffFields.goFloat(0.00001));
    assertEquals("-123456", DiffFields.goFloat(-123456));
  }

  @Test
  void periodicAndParameterizedBlocks() throws Exception {
    Job a = job(j -> j.put("Type", "batch").set("ParameterizedJob", Diffs.parse("{\"MetaRequired\":[\"x\"]}")));
    Job b = job(j -> j.put("Type", "batch")
        .set("ParameterizedJob", Diffs.parse("{\"Payload\":\"required\",\"MetaRequired\":[\"x\"]}")));
    assertEquals(Diffs.parse("[" + object("Edited", "ParameterizedJob",
        field("Edited", "Payload", "optional", "required"), null,
        object("None", "MetaRequired", field("None", "MetaRequired", "x", "x"))) + "]"), jobObjects(a, b));

    Job c = job(j -> j.put("Type", "batch").set("Periodic", Diffs.parse("{\"Spec\":\"@daily\"}")));
    assertEquals(Diffs.parse("[" + object("Added", "Periodic", field("Added", "Enabled", "", "true"),
        field("Added", "ProhibitOverlap", "", "false"), field("Added", "Spec", "", "@daily"),
        field("Added", "SpecType", "", "cron"), field("Added", "TimeZone", "", "UTC")) + "]"),
        jobObjects(job(j -> j.put("Type", "batch")), c));
  }
}
