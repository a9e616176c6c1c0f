/// Whether an entity is a firm or a shared facility of the cluster (training centre, wastewater plant).
public enum FirmKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A member or applicant firm.
    case firm
    /// A shared facility; placed like a firm, but not counted by quotas.
    case sharedFacility = "shared_facility"
}
