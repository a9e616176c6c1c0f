/// What the scenario generator knows about one sector of a metal-working IKM cluster: zones, typical plot need,
/// power draw, workforce, names, and its share of applicants. Planning assumptions, documented in
/// `docs/scenario-data.md`; the sector closeness chart the generator writes is ``SectorProfile/chart``.
struct SectorProfile: Sendable {
    /// Sector id written to the scenario.
    let id: String
    /// Label written to the scenario.
    let label: String
    /// Zones its firms may use.
    let zones: [String]
    /// Power draw range in kVA (rounded to 5 kVA by the generator).
    let kva: ClosedRange<Double>
    /// Range of a firm's minimum plot need in m² (the maximum is 1.3–1.7 times the minimum, capped at 400 m²).
    let minArea: ClosedRange<Double>
    /// Share of the applicants (metal-working sectors only; 0 for shared facilities).
    let share: Double
    /// Probability that a firm of this sector needs main-road frontage (heavy deliveries, a showroom).
    let mainRoadChance: Double
    /// Words that make firms' names recognisable (Indonesian trade words).
    let nameWords: [String]

    /// The metal-working sectors applicants come from (docs/scenario-data.md, "Case facts": sectors often found
    /// together).
    static let metalWorking: [SectorProfile] = [
        SectorProfile(
            id: "foundry", label: "Foundry and casting", zones: ["heavy"], kva: 100...220, minArea: 220...300,
            share: 0.09, mainRoadChance: 0.25, nameWords: ["Pengecoran", "Cor Logam", "Casting"]),
        SectorProfile(
            id: "machining", label: "Machining (CNC, lathe, milling)", zones: ["general", "clean"], kva: 25...60,
            minArea: 120...220, share: 0.22, mainRoadChance: 0.05, nameWords: ["Bubut", "Presisi", "Mesin", "CNC"]),
        SectorProfile(
            id: "fabrication", label: "Fabrication and welding", zones: ["general", "heavy"], kva: 30...80,
            minArea: 150...280, share: 0.16, mainRoadChance: 0.2, nameWords: ["Las", "Fabrikasi", "Konstruksi"]),
        SectorProfile(
            id: "stamping", label: "Sheet-metal stamping and pressing", zones: ["general", "heavy"], kva: 35...90,
            minArea: 150...260, share: 0.12, mainRoadChance: 0.1, nameWords: ["Press", "Stamping", "Plat"]),
        SectorProfile(
            id: "plating", label: "Plating and galvanizing", zones: ["heavy"], kva: 40...100, minArea: 150...240,
            share: 0.08, mainRoadChance: 0, nameWords: ["Plating", "Galvanis", "Krom"]),
        SectorProfile(
            id: "coating", label: "Painting and powder coating", zones: ["heavy", "general"], kva: 30...75,
            minArea: 150...240, share: 0.09, mainRoadChance: 0.05, nameWords: ["Coating", "Cat", "Warna"]),
        SectorProfile(
            id: "tooldie", label: "Tool and die making", zones: ["general", "clean"], kva: 25...60, minArea: 120...200,
            share: 0.10, mainRoadChance: 0, nameWords: ["Mold", "Dies", "Tooling"]),
        SectorProfile(
            id: "assembly", label: "Assembly of automotive and machine parts", zones: ["clean", "general"],
            kva: 10...35, minArea: 120...220, share: 0.14, mainRoadChance: 0.35,
            nameWords: ["Komponen", "Otomotif", "Rakit"]),
    ]

    /// The sectors of the shared facilities (training centre, wastewater plant, common service facility).
    static let facilities: [SectorProfile] = [
        SectorProfile(
            id: "training", label: "Training centre", zones: ["clean", "general"], kva: 30...40, minArea: 220...250,
            share: 0, mainRoadChance: 0, nameWords: []),
        SectorProfile(
            id: "wastewater", label: "Wastewater treatment plant (IPAL)", zones: ["heavy"], kva: 15...25,
            minArea: 150...170, share: 0, mainRoadChance: 0, nameWords: []),
        SectorProfile(
            id: "service", label: "Common service facility (shared machines, testing)", zones: ["general", "clean"],
            kva: 80...110, minArea: 250...280, share: 0, mainRoadChance: 0, nameWords: []),
    ]

    /// All profiles by id.
    static let byID: [String: SectorProfile] = Dictionary(
        uniqueKeysWithValues: (metalWorking + facilities).map { ($0.id, $0) })

    /// The sector closeness chart with reasons (Muther's SLP; docs/scenario-data.md, "Case facts": casting →
    /// machining → finishing flows, plating and coating near the IPAL, foundry heat, noise and fumes away from clean
    /// work and training).
    static let chart: [PairRating] = [
        PairRating(a: "foundry", b: "machining", rating: .a, reason: "raw castings go to machining every day"),
        PairRating(a: "foundry", b: "foundry", rating: .o, reason: "share sand, scrap and coke deliveries"),
        PairRating(a: "machining", b: "plating", rating: .e, reason: "machined parts go to plating"),
        PairRating(a: "machining", b: "coating", rating: .i, reason: "machined parts go to painting"),
        PairRating(a: "machining", b: "tooldie", rating: .e, reason: "share CNC, EDM and grinding machines and machinists"),
        PairRating(a: "machining", b: "assembly", rating: .e, reason: "machined components go to assembly"),
        PairRating(a: "machining", b: "machining", rating: .o, reason: "pass overflow jobs to each other"),
        PairRating(a: "fabrication", b: "coating", rating: .e, reason: "welded frames and racks go to painting"),
        PairRating(a: "fabrication", b: "machining", rating: .i, reason: "fabricated parts need machined fits"),
        PairRating(a: "fabrication", b: "assembly", rating: .i, reason: "frames and brackets go to assembly"),
        PairRating(a: "stamping", b: "tooldie", rating: .a, reason: "dies are built, tried and repaired for the presses"),
        PairRating(a: "stamping", b: "plating", rating: .e, reason: "pressed parts are zinc-plated or galvanized"),
        PairRating(a: "stamping", b: "assembly", rating: .i, reason: "pressed brackets and panels go to assembly"),
        PairRating(a: "plating", b: "coating", rating: .i, reason: "share degreasing and phosphating pre-treatment"),
        PairRating(a: "plating", b: "wastewater", rating: .a, reason: "acid and metal-bearing rinse water is piped to the IPAL"),
        PairRating(a: "coating", b: "wastewater", rating: .e, reason: "pre-treatment and spray-booth water goes to the IPAL"),
        PairRating(a: "coating", b: "assembly", rating: .i, reason: "coated parts go to final assembly"),
        PairRating(a: "training", b: "service", rating: .e, reason: "courses use the shared machines and test lab"),
        PairRating(a: "training", b: "tooldie", rating: .i, reason: "apprentices train in the tool rooms"),
        PairRating(a: "training", b: "machining", rating: .i, reason: "apprentices train in the machine shops"),
        PairRating(a: "service", b: "machining", rating: .i, reason: "machined parts are measured in the test lab"),
        PairRating(a: "foundry", b: "training", rating: .x, reason: "furnace heat, dust and noise next to classrooms"),
        PairRating(a: "foundry", b: "assembly", rating: .x, reason: "foundry dust and fumes settle on finished assemblies"),
        PairRating(a: "foundry", b: "tooldie", rating: .x, reason: "dust and floor vibration spoil precision grinding and EDM"),
        PairRating(a: "foundry", b: "service", rating: .x, reason: "vibration and dust disturb the test laboratory"),
        PairRating(a: "plating", b: "training", rating: .x, reason: "acid mist and chemical hazard next to trainees"),
        PairRating(a: "plating", b: "assembly", rating: .x, reason: "acid mist corrodes finished assemblies"),
    ]

    /// Supply-chain links between sectors that firm-pair ratings are drawn from: supplier sector, customer sector,
    /// and the words between the two firms' names in the reason.
    static let flows: [(from: String, to: String, what: String)] = [
        ("foundry", "machining", "sends its castings to"),
        ("machining", "plating", "sends shafts and pins for plating to"),
        ("machining", "assembly", "machines parts for"),
        ("fabrication", "coating", "sends welded frames for coating to"),
        ("stamping", "plating", "sends pressed parts for plating to"),
        ("tooldie", "stamping", "builds and repairs the dies of"),
        ("stamping", "assembly", "presses brackets for"),
        ("coating", "assembly", "coats housings for"),
        ("tooldie", "machining", "makes jigs and fixtures for"),
    ]
}
