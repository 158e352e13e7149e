package io.jobgate.structs;

/** A named set of ACL rules (Nomad's {@code structs.ACLPolicy}); {@code Rules} is HCL or its JSON form. */
public record AclPolicy(String name, String description, String rules, long createIndex, long modifyIndex) {

  public AclPolicyListStub stub() {
    return new AclPolicyListStub(name, description, createIndex, modifyIndex);
  }
}
