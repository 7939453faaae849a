// Replication policies, their assignment to organizations, SLA profile assignments, VM and vApp replications, and test failovers of VMware Cloud Director Availability (VCDA).
package vcda
