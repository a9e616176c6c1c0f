import PlotAllocSupport

/// Makes the generated estate's firms and shared facilities, with plausible numbers for small metal-working IKM
/// (assumptions in `docs/scenario-data.md`): mostly 10–15 workers, turnover up to Rp50 billion a year, kVA by sector.
struct FirmFactory {
    private var usedNames: Set<String> = []
    private var nextNumber = 1
    /// Digits of firm ids (`F001` for up to 999 firms).
    private let digits: Int

    private static let legalForms = ["CV", "CV", "PT", "UD"]
    private static let words = [
        "Jaya", "Mandiri", "Sentosa", "Abadi", "Makmur", "Karya", "Sinar", "Cahaya", "Bintang", "Mulia", "Sejahtera",
        "Utama", "Perkasa", "Prima", "Sukses", "Berkah", "Maju", "Bersama", "Tunggal", "Nusantara", "Citra", "Daya",
        "Guna", "Putra", "Lestari", "Teknik", "Baja", "Logam", "Sakti", "Agung", "Anugerah", "Harapan", "Indah",
        "Kencana", "Cipta", "Sarana", "Gemilang", "Cikarang", "Tambun", "Cibitung", "Setia", "Rejeki",
    ]

    /// Prepares a factory for `total` entities.
    init(total: Int) {
        digits = max(3, String(total).count)
    }

    private mutating func nextID() -> String {
        let n = String(nextNumber)
        nextNumber += 1
        return "F" + String(repeating: "0", count: max(0, digits - n.count)) + n
    }

    private mutating func name(for profile: SectorProfile, _ rng: inout SeededGenerator) -> String {
        for attempt in 0..<1000 {
            var parts = [rng.pick(Self.legalForms), rng.pick(profile.nameWords), rng.pick(Self.words)]
            if attempt > 20 || rng.chance(0.5) {
                let extra = rng.pick(Self.words)
                if extra != parts[2] { parts.append(extra) }
            }
            if attempt > 200 { parts.append(String(attempt)) }
            let candidate = parts.joined(separator: " ")
            if !usedNames.contains(candidate) {
                usedNames.insert(candidate)
                return candidate
            }
        }
        preconditionFailure("could not make a unique name")
    }

    /// A metal-working firm of `profile`'s sector; its minimum plot need never exceeds `areaCap − 30` m².
    mutating func firm(_ profile: SectorProfile, areaCap: Double, _ rng: inout SeededGenerator) -> Firm {
        let band = rng.weightedIndex([0.8, 0.1, 0.1])
        let workers = [rng.int(in: 10...15), rng.int(in: 5...9), rng.int(in: 16...30)][band]
        // Turnover: workers × 0.15–2.0 billion IDR each (skewed low), at most 50 billion, in whole 0.1 billions.
        let perWorker = 0.15 + 1.85 * pow3(rng.unit())
        let turnover = Double(min(500, Int((Double(workers) * perWorker * 10).rounded()))) * 1e8
        let size = min(1, max(0, Double(workers - 5) / 25))
        let kvaRaw = profile.kva.lowerBound + (profile.kva.upperBound - profile.kva.lowerBound)
            * (0.6 * rng.unit() + 0.4 * size)
        let kva = (kvaRaw / 5).rounded() * 5
        let minArea = min(areaCap - 30, (rng.double(in: profile.minArea) / 10).rounded() * 10)
        let maxArea = min(areaCap, max(minArea + 30, (minArea * rng.double(in: 1.3...1.7) / 10).rounded() * 10))
        var tags: [String] = []
        if rng.chance(0.7) { tags.append("bekasi") }
        let member = rng.chance(0.5)
        if member { tags.append("member") }
        let priority = Double(member ? rng.int(in: 1...3) : rng.int(in: 0...1))
        return Firm(
            id: nextID(), name: name(for: profile, &rng), sector: profile.id,
            area: AreaRange(min: minArea, max: maxArea), workers: workers, turnover: turnover, powerKVA: kva,
            needsMainRoad: rng.chance(profile.mainRoadChance), maxRent: rng.chance(0.2) ? 80_000 : nil,
            priority: priority, tags: tags, kind: .firm)
    }

    /// A required shared facility of `sector` (`training`, `wastewater` or `service`) with a fixed name.
    mutating func facility(_ sector: String, name: String) -> Firm {
        let profile = SectorProfile.byID[sector]!
        let area = AreaRange(min: profile.minArea.lowerBound, max: min(400, profile.minArea.upperBound + 130))
        let workers = ["training": 6, "wastewater": 2, "service": 8][sector] ?? 2
        usedNames.insert(name)
        return Firm(
            id: nextID(), name: name, sector: sector, area: area, workers: workers, turnover: 0,
            powerKVA: profile.kva.upperBound, priority: 0, tags: ["facility"], kind: .sharedFacility, required: true)
    }

    private func pow3(_ u: Double) -> Double { u * u * u }
}
