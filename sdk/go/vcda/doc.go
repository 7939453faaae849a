// Replication policies, their assignment to organizations, and VM replications of VMware Cloud Director Availability (VCDA).
package vcda
